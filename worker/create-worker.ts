import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

/** `client` (from ActivityDeps) is what the dispatch batch sends its per-case updates through. */
export interface DubanWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `workflows/` at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The one place where the worker's dependencies are wired: activities get their deps here. */
export async function createDubanWorker(options: DubanWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
