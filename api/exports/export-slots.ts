import type { Writable } from 'node:stream';

// A ledger export holds a pooled database connection (its cursor) for as long as the client takes to
// read it. Without bounds, a handful of slow or stalled downloads would take the whole pool and stall
// every other request. So each caller may run a few at once, all callers together fewer than the pool
// holds, and each export is cut at a deadline however slowly it is read.

export interface ExportLimits {
  /** Concurrent exports of one caller (DUBAN_EXPORTS_PER_CALLER). */
  perCaller: number;
  /** Concurrent exports of all callers (DUBAN_EXPORTS_TOTAL): keep it below DATABASE_POOL_MAX. */
  total: number;
  /** An export still running after this is cut, its connection released (DUBAN_EXPORT_DEADLINE). */
  deadlineMs: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perCaller: 2, total: 4, deadlineMs: 10 * 60_000 };

/** Which bound refused the export. */
export type ExportRefusal = 'caller' | 'total';

/** The export ran past its deadline: the download is cut (a broken transfer, never a short file). */
export class ExportDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(`the export did not finish within its deadline of ${deadlineMs} ms`);
    this.name = 'ExportDeadlineError';
  }
}

/** Counts the exports running, per caller and in all; in this process (each API replica has its own). */
export class ExportSlots {
  private readonly byCaller = new Map<string, number>();
  private running = 0;

  constructor(readonly limits: ExportLimits = DEFAULT_EXPORT_LIMITS) {}

  /** Takes a slot for `caller`: its release (idempotent), or the bound that refuses it. */
  take(caller: string): { release: () => void } | { refused: ExportRefusal } {
    const mine = this.byCaller.get(caller) ?? 0;
    if (mine >= this.limits.perCaller) return { refused: 'caller' };
    if (this.running >= this.limits.total) return { refused: 'total' };
    this.byCaller.set(caller, mine + 1);
    this.running += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
        const left = (this.byCaller.get(caller) ?? 1) - 1;
        if (left === 0) this.byCaller.delete(caller);
        else this.byCaller.set(caller, left);
      },
    };
  }

  /** Exports running now, for a caller or in all. */
  count(caller?: string): number {
    return caller === undefined ? this.running : (this.byCaller.get(caller) ?? 0);
  }
}

/**
 * Runs `write` into `out` under a deadline: past it, `out` is destroyed, which makes the writer's next
 * write or wait for drain fail (so its cursor closes and the connection returns to the pool) and makes
 * Fastify destroy the response socket. Settles when the writer has stopped, either way.
 */
export async function underDeadline(out: Writable, deadlineMs: number, write: () => Promise<unknown>): Promise<void> {
  const timer = setTimeout(() => out.destroy(new ExportDeadlineError(deadlineMs)), deadlineMs);
  try {
    await write();
  } finally {
    clearTimeout(timer);
  }
}
