import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

/** `client` (from ActivityDeps) is what the dispatch batch sends its per-case updates through. */
export interface DubanWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles `workflows/` at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The sticky cache's size (DUBAN_MAX_CACHED_WORKFLOWS); the SDK's default when absent. */
  maxCachedWorkflows?: number | undefined;
}

/** The one place where the worker's dependencies are wired: activities get their deps here. */
export async function createDubanWorker(options: DubanWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, maxCachedWorkflows, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    ...(maxCachedWorkflows !== undefined ? { maxCachedWorkflows } : {}),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
