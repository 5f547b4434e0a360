import { Client, Connection } from '@temporalio/client';
import { auditPublicKey } from '../shared/audit/signing-key';
import { bootstrapAdmin, bootstrapSettingsFrom } from '../shared/accounts/bootstrap-admin';
import { loadConfig } from '../shared/config';
import { createSql, openPool } from '../shared/db/sql';
import { parseDuration } from '../shared/durations';
import { createLogger } from '../shared/logger';
import { buildApp } from './app';
import { limitsFrom } from './limits-config';
import { createApiMetrics } from './metrics';
import { TEMPORAL_CHANNEL_ARGS } from '../shared/contracts/temporal-channel';

// Entry point of the API process: build dependencies, listen, and close everything on a signal.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('duban-api', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the API process');
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  for (const note of await bootstrapAdmin(sql, bootstrapSettingsFrom(config))) logger.warn(note);
  // lazy: the API starts (and answers /healthz, and 503 on /readyz) while Temporal is still coming up.
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    connectTimeout: '5s',
    channelArgs: TEMPORAL_CHANNEL_ARGS,
  });
  const metrics = createApiMetrics();
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    interceptors: { workflow: [metrics.temporalInterceptor] },
  });
  const app = await buildApp({
    sql,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    idempotencyTtlMs: parseDuration(config.DUBAN_IDEMPOTENCY_TTL),
    sessionTtlMs: parseDuration(config.DUBAN_SESSION_TTL),
    ...limitsFrom(config),
    auditPublicKey: auditPublicKey(config),
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await connection.close();
    await sql.end({ timeout: 5 });
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.HOST, port: config.PORT });
  void openPool(sql);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
