// A duban worker as a child process, for the benches and the fault suite: worker/main.ts's wiring,
// from the same environment, with two differences. DUBAN_WORKFLOW_BUNDLE names a prebuilt workflow
// bundle, so a restart after SIGKILL takes a second instead of a bundle build; and no schedules are
// made, because a dispatch batch firing in the middle of a scenario would move the cases under test.
// The case start sweeper runs as in worker/main.ts: a report the API accepted while Temporal was away
// gets its workflow from it (the temporal-outage-intake fault scenario counts on that).
// DUBAN_MAX_CACHED_WORKFLOWS sizes the sticky cache, as in production (the footprint bench varies it).
// Prints `worker ready` once it polls. Started by load-system.ts.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../shared/config';
import { createSql } from '../../shared/db/sql';
import { createLogger } from '../../shared/logger';
import { startCaseStartSweeper } from '../../worker/case-start-sweeper';
import { createDubanWorker } from '../../worker/create-worker';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { webhookSettingsFrom } from '../../worker/webhook-settings';
import { TEMPORAL_CHANNEL_ARGS } from '../../shared/contracts/temporal-channel';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('duban-worker', config.LOG_LEVEL);
  installRuntimeLogger(logger);
  const bundle = process.env.DUBAN_WORKFLOW_BUNDLE;
  if (!config.DATABASE_URL || !bundle) throw new Error('DATABASE_URL and DUBAN_WORKFLOW_BUNDLE are required');
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({
    address: config.TEMPORAL_ADDRESS,
    channelArgs: TEMPORAL_CHANNEL_ARGS,
  });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const deps = { sql, client, webhooks: webhookSettingsFrom(config) };
  const common = { connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE };
  const worker = await createDubanWorker({
    ...common,
    ...deps,
    workflowBundle: { codePath: bundle },
    maxCachedWorkflows: config.DUBAN_MAX_CACHED_WORKFLOWS,
  });
  const sweeper = startCaseStartSweeper({ sql, client, taskQueue: config.TEMPORAL_TASK_QUEUE, logger });
  console.log(`worker ready pid=${process.pid} cache=${worker.options.maxCachedWorkflows}`);
  await worker.run();
  await sweeper.stop();
  await connection.close();
  await clientConnection.close();
  await sql.end({ timeout: 5 });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
