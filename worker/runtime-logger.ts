import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../shared/logger';

const TEMPORAL_LEVEL: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/**
 * Sends the SDK's own log lines (worker state, workflow and activity logs, core) through the
 * process's pino logger, so the worker writes one structured JSON stream.
 */
export function installRuntimeLogger(logger: Logger): void {
  const temporal = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVEL[logger.level] ?? 'INFO', ({ level, message, meta }) => {
      const fields = meta ?? {};
      if (level === 'ERROR') temporal.error(fields, message);
      else if (level === 'WARN') temporal.warn(fields, message);
      else if (level === 'INFO') temporal.info(fields, message);
      else if (level === 'DEBUG') temporal.debug(fields, message);
      else temporal.trace(fields, message);
    }),
  });
}
