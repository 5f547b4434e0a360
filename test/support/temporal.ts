import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { ActivityDeps } from '../../activities';
import type { Sql } from '../../shared/db/sql';
import { registerCaseSearchAttributes } from '../../scripts/lib/temporal-search-attributes';
import { startCaseStartSweeper, type CaseStartSweeper } from '../../worker/case-start-sweeper';
import { createDubanWorker } from '../../worker/create-worker';
import { appSqlOf } from './database';

/** A unique task queue per test file keeps files running in parallel out of each other's way. */
export const uniqueTaskQueue = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface DevServerHarness {
  client: Client;
  worker: Worker;
  taskQueue: string;
  sweeper: CaseStartSweeper;
  stop(): Promise<void>;
}

/** The real worker (real activities on `sql`) against the run's Temporal dev server. */
export async function startWorkerOnDevServer(
  sql: Sql,
  prefix = 'test',
  /** Webhook delivery settings (secret, short retries) for the tests that deliver; the audit signing key. */
  extra: Pick<ActivityDeps, 'webhooks' | 'auditSigningKey'> = {},
): Promise<DevServerHarness> {
  const address = inject('temporalAddress');
  const taskQueue = uniqueTaskQueue(prefix);
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const worker = await createDubanWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    // The worker under test runs as the app role, as in production (test/support/database.ts).
    sql: appSqlOf(sql),
    client,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    ...extra,
  });
  const running = worker.run();
  // Started with the worker, as worker/main.ts does: a case whose start was left pending gets it.
  const sweeper = startCaseStartSweeper({ sql: appSqlOf(sql), client, taskQueue, intervalMs: 200 });
  return {
    client,
    worker,
    taskQueue,
    sweeper,
    async stop() {
      await sweeper.stop();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/**
 * The time-skipping test server from the project's venv (its own download cannot work offline), with
 * duban's search attributes registered: the case workflow upserts them and the server refuses unknown ones.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('timeSkippingServerPath') } },
  });
  await registerCaseSearchAttributes(env.connection);
  return env;
}
