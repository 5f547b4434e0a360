import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The reader went away (a closed download): the export stops and its cursor is closed. */
export class ExportAbortedError extends Error {
  constructor() {
    super('the export stream closed before the export finished');
    this.name = 'ExportAbortedError';
  }
}

/** Resolves once `out` can take more: a slow client slows the database cursor instead of filling memory. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAbortedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ExportAbortedError());
    const onError = (error: Error) => settle(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new ExportAbortedError();
  if (!out.write(chunk)) await drained(out);
}

export async function end(out: Writable): Promise<void> {
  out.end();
  await finished(out);
}

/**
 * Runs an export into `out`; on failure destroys `out` with the error, so the reader sees a broken
 * download rather than a file that merely looks short.
 */
export async function exporting<T>(out: Writable, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
}
