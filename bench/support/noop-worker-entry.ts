// The no-op baseline's worker process: bench/workflows/noop.ts only, no activities, no database.
// Env: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, BENCH_NOOP_BUNDLE. Prints `worker ready` once it polls.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, BENCH_NOOP_BUNDLE: codePath } = process.env;
  if (!address || !taskQueue || !codePath) throw new Error('TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, BENCH_NOOP_BUNDLE');
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: { codePath } });
  console.log(`worker ready pid=${process.pid}`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
