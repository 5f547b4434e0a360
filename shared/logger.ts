import pino, { type Logger } from 'pino';

export type { Logger };

/** One structured JSON logger per process; `name` tells the API's lines from the worker's. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
