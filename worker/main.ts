import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { auditSigningKey } from '../shared/audit/signing-key';
import { loadConfig } from '../shared/config';
import { createSql } from '../shared/db/sql';
import { createLogger } from '../shared/logger';
import { startCaseStartSweeper } from './case-start-sweeper';
import { createDubanWorker } from './create-worker';
import { installRuntimeLogger } from './runtime-logger';
import { ensureSchedules } from './schedules';
import { webhookSettingsFrom } from './webhook-settings';
import { TEMPORAL_CHANNEL_ARGS } from '../shared/contracts/temporal-channel';

// Entry point of the worker process: build dependencies, run until SIGINT/SIGTERM, drain, close.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('duban-worker', config.LOG_LEVEL);
  installRuntimeLogger(logger);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker process');
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // A client of its own for the dispatch batch's per-case updates (workflows cannot send updates).
  const clientConnection = await Connection.connect({
    address: config.TEMPORAL_ADDRESS,
    channelArgs: TEMPORAL_CHANNEL_ARGS,
  });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  // Read at start: a missing or malformed key file stops the worker here, not at the first checkpoint.
  const signingKey = auditSigningKey(config);
  const worker = await createDubanWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    sql,
    client,
    webhooks: webhookSettingsFrom(config),
    maxCachedWorkflows: config.DUBAN_MAX_CACHED_WORKFLOWS,
    auditSigningKey: signingKey,
  });
  if (!signingKey) logger.warn('no DUBAN_AUDIT_SIGNING_KEY: no audit checkpoints are made (docs/audit.md)');
  const schedules = await ensureSchedules(client, config);
  logger.info({ schedules }, 'schedules in line with the configuration');
  const sweeper = startCaseStartSweeper({ sql, client, taskQueue: config.TEMPORAL_TASK_QUEUE, logger });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS }, 'worker started');
  // Worker.run() installs SIGINT/SIGTERM handlers itself and resolves once in-flight tasks drained.
  await worker.run();
  await sweeper.stop();
  await connection.close();
  await clientConnection.close();
  await sql.end({ timeout: 5 });
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
