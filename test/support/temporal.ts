import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { ActivityDeps } from '../../activities';
import type { Sql } from '../../shared/db/sql';
import { registerCaseSearchAttributes } from '../../scripts/lib/temporal-search-attributes';
import { createDubanWorker } from '../../worker/create-worker';

/** A unique task queue per test file keeps files running in parallel out of each other's way. */
export const uniqueTaskQueue = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface DevServerHarness {
  client: Client;
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

/** The real worker (real activities on `sql`) against the run's Temporal dev server. */
export async function startWorkerOnDevServer(
  sql: Sql,
  prefix = 'test',
  /** Webhook delivery settings (secret, short retries) for the tests that deliver. */
  extra: Pick<ActivityDeps, 'webhooks'> = {},
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
    sql,
    client,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    ...extra,
  });
  const running = worker.run();
  return {
    client,
    worker,
    taskQueue,
    async stop() {
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
