// The Temporal-only baselines: a worker for bench/workflows/noop.ts and a bare HTTP front for it, so
// that a baseline request crosses the same loopback HTTP and the same Temporal server as an intake.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { buildWorkflowBundle, startNodeChild, type NodeChild } from '../../scripts/lib/load-system';
import { projectRoot } from '../../scripts/lib/processes';
import { benchNoopWorkflow, noopUpdate } from '../workflows/noop';

export const NOOP_TASK_QUEUE = 'bench-noop';

/** Bundles bench/workflows/noop.ts and runs its worker as a child process. */
export async function startNoopWorker(dir: string, temporalAddress: string): Promise<NodeChild> {
  const bundle = await buildWorkflowBundle(
    join(projectRoot, 'bench', 'workflows', 'noop.ts'),
    join(dir, 'noop-bundle.js'),
  );
  return startNodeChild({
    entry: join(projectRoot, 'bench', 'support', 'noop-worker-entry.ts'),
    env: { TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: NOOP_TASK_QUEUE, BENCH_NOOP_BUNDLE: bundle },
    logFile: join(dir, 'noop-worker.log'),
    readyLine: 'worker ready',
  });
}

export interface BareServer {
  url: string;
  client: Client;
  close(): Promise<void>;
}

/**
 * POST /start: `client.workflow.start` of the no-op workflow (answers once the server persisted the
 * start). POST /update-with-start: the intake's call shape, update-with-start, on the no-op workflow
 * (answers once a worker ran the update). No auth, no validation, no database: Temporal alone.
 */
export async function startBareServer(temporalAddress: string): Promise<BareServer> {
  const connection = Connection.lazy({ address: temporalAddress, connectTimeout: '5s' });
  const client = new Client({ connection, namespace: 'default' });
  const app = Fastify();
  app.post('/start', async (_request, reply) => {
    const handle = await client.workflow.start(benchNoopWorkflow, {
      workflowId: `noop-${randomUUID()}`,
      taskQueue: NOOP_TASK_QUEUE,
      args: [{}],
    });
    return reply.code(201).send({ id: handle.workflowId });
  });
  app.post('/update-with-start', async (_request, reply) => {
    const workflowId = `noop-${randomUUID()}`;
    const startWorkflowOperation = new WithStartWorkflowOperation(benchNoopWorkflow, {
      workflowId,
      taskQueue: NOOP_TASK_QUEUE,
      args: [{}],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await client.workflow.executeUpdateWithStart(noopUpdate, { startWorkflowOperation });
    return reply.code(201).send({ id: workflowId });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the bare server has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    client,
    async close() {
      await app.close();
      await connection.close();
    },
  };
}
