// A real Temporal cluster on loopback: PostgreSQL 15 (restartable), the `temporal` and
// `temporal_visibility` databases made with the SQL tool, and the four services (history, matching,
// frontend, worker) as four processes of the pinned server, each with its gRPC and membership ports.
// The namespace and duban's search attributes are registered before it is handed out. `npm run
// cluster`, the cluster tests (test/cluster) and the benches all start it through `startCluster`.
import { Connection } from '@temporalio/client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { portAnswers, projectRoot, startManaged, waitFor, type Managed } from './processes';
import { startRestartablePostgres } from './restartable-postgres';
import { ensureClusterBinaries, type ClusterBinaries } from './temporal-cluster-build';
import { NAMESPACE, SERVICES, serverEnvironment, type ClusterPorts, type ServiceName } from './temporal-cluster-config';
import { clusterPorts, makeSchema, registerNamespace, untilServing } from './temporal-cluster-setup';
import type { RestartablePostgres } from './restartable-postgres';

/** One of the four services: a process that can be killed (SIGKILL) and started again on its ports. */
export interface ClusterService {
  name: ServiceName;
  pid(): number | null;
  /** SIGKILL: no drain, no goodbye to the membership ring. */
  kill(): Promise<void>;
  /** Starts it again (same ports, same configuration) and waits until its gRPC port answers. */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface TemporalCluster {
  /** The frontend, `127.0.0.1:<port>`: what TEMPORAL_ADDRESS points at. */
  address: string;
  namespace: string;
  /** Temporal's own PostgreSQL (persistence and visibility): the fault tests stop it for a while. */
  postgres: RestartablePostgres;
  ports: ClusterPorts;
  services: Record<ServiceName, ClusterService>;
  /** Where the logs are: one per service, PostgreSQL's and the schema tool's. */
  dir: string;
  /** Stops the services (frontend first, history last), then PostgreSQL, and deletes its data. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Logs go to .data/<name>/ (default `cluster`). */
  name?: string;
  log?: (line: string) => void;
}

const STOP_ORDER: ServiceName[] = ['frontend', 'worker', 'matching', 'history'];

function startService(
  name: ServiceName,
  binaries: ClusterBinaries,
  env: Record<string, string>,
  port: number,
  dir: string,
): ClusterService {
  let running: Managed | null = null;
  const exited = (managed: Managed) => managed.child.exitCode !== null || managed.child.signalCode !== null;
  const service: ClusterService = {
    name,
    pid: () => (running && !exited(running) ? (running.child.pid ?? null) : null),
    async kill() {
      const managed = running;
      running = null;
      if (!managed || exited(managed)) return;
      const gone = new Promise((resolve) => managed.child.once('exit', resolve));
      managed.child.kill('SIGKILL');
      await gone;
    },
    async start() {
      if (running && !exited(running)) return;
      // No authorizer: loopback only, like the dev server. `--allow-no-auth` is a global flag.
      const args = ['--allow-no-auth', 'start', '--service', name];
      const managed = startManaged(binaries.server, args, join(dir, `${name}.log`), { env });
      running = managed;
      await waitFor(`the Temporal ${name} service`, () => portAnswers(port), 60_000, managed.child);
    },
    async stop() {
      const managed = running;
      running = null;
      await managed?.stop();
    },
  };
  return service;
}

export async function startCluster(options: ClusterOptions = {}): Promise<TemporalCluster> {
  const log = options.log ?? (() => undefined);
  const dir = join(projectRoot, '.data', options.name ?? 'cluster');
  mkdirSync(dir, { recursive: true });
  const binaries = ensureClusterBinaries(log);
  const postgres = await startRestartablePostgres({ logFile: join(dir, 'postgres.log') });
  const started: ClusterService[] = [];
  const stop = async () => {
    for (const name of STOP_ORDER) await started.find((s) => s.name === name)?.stop();
    await postgres.destroy();
  };
  try {
    makeSchema(binaries, postgres, join(dir, 'schema.log'));
    log(`PostgreSQL on 127.0.0.1:${postgres.port} has the temporal and temporal_visibility schemas`);
    const ports = await clusterPorts();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...serverEnvironment({ postgresPort: postgres.port, postgresUser: 'postgres', postgresPassword: '', ports }),
    };
    const services = {} as Record<ServiceName, ClusterService>;
    // History owns the shards the others route to; the frontend comes after what it fronts.
    for (const name of SERVICES) {
      services[name] = startService(name, binaries, env, ports.services[name].grpc, dir);
      started.push(services[name]);
      await services[name].start();
      log(`${name} on 127.0.0.1:${ports.services[name].grpc} (membership ${ports.services[name].membership})`);
    }
    const address = `127.0.0.1:${ports.services.frontend.grpc}`;
    const connection = await Connection.connect({ address, connectTimeout: '10s' });
    try {
      await untilServing(connection);
      await registerNamespace(connection);
      // A service can answer on its port and die a moment later (its membership heartbeat failed).
      const dead = SERVICES.filter((name) => services[name].pid() === null);
      if (dead.length > 0) throw new Error(`Temporal ${dead.join(', ')} exited while starting; see ${dir}`);
    } finally {
      await connection.close();
    }
    return { address, namespace: NAMESPACE, postgres, ports, services, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
