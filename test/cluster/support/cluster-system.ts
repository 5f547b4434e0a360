// duban on a real Temporal cluster, as a province runs it: the cluster (four services on their own
// PostgreSQL), duban's PostgreSQL, the API, and two worker processes polling the same task queue.
// scripts/lib/load-system.ts does the duban side; this adds the cluster and the second worker.
import { join } from 'node:path';
import {
  WORKER_ENTRY,
  startLoadSystem,
  startNodeChild,
  type LoadSystem,
  type NodeChild,
} from '../../../scripts/lib/load-system';
import { startCluster, type TemporalCluster } from '../../../scripts/lib/temporal-cluster';

export interface ClusterSystem {
  cluster: TemporalCluster;
  system: LoadSystem;
  /** The second worker (the first is `system.worker`). */
  second: {
    current(): NodeChild | null;
    start(): Promise<NodeChild>;
    kill(): Promise<void>;
  };
  stop(): Promise<void>;
}

export async function startClusterSystem(name: string, workflowBundle: string): Promise<ClusterSystem> {
  const cluster = await startCluster({ name: `cluster-test/${name}/temporal` });
  let system: LoadSystem | null = null;
  let second: NodeChild | null = null;
  const stop = async () => {
    await second?.stop();
    await system?.stop();
    await cluster.stop();
  };
  try {
    const started = await startLoadSystem({
      name: `cluster-test/${name}`,
      temporalAddress: cluster.address,
      workflowBundle,
      api: { rateLimitPerMinute: 1_000_000 },
    });
    system = started;
    const startSecond = async () => {
      second = await startNodeChild({
        entry: WORKER_ENTRY,
        env: {
          DATABASE_URL: started.databaseUrl,
          DATABASE_POOL_MAX: '10',
          TEMPORAL_ADDRESS: cluster.address,
          TEMPORAL_TASK_QUEUE: started.taskQueue,
          DUBAN_WORKFLOW_BUNDLE: started.workflowBundle,
          LOG_LEVEL: 'warn',
        },
        logFile: join(started.dir, 'worker-2.log'),
        readyLine: 'worker ready',
      });
      return second;
    };
    await startSecond();
    return {
      cluster,
      system: started,
      second: {
        current: () => second,
        start: startSecond,
        async kill() {
          await second?.kill();
          second = null;
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
