// The steps of starting a cluster that talk to its parts rather than run them (temporal-cluster.ts
// runs them): ports the services can use, the schema made with the SQL tool, the frontend's health,
// and the namespace with duban's search attributes.
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { caseSearchAttributeKeys } from '../../shared/contracts/search-attributes';
import { freePort, portAnswers, waitFor } from './processes';
import type { RestartablePostgres } from './restartable-postgres';
import type { ClusterBinaries } from './temporal-cluster-build';
import {
  NAMESPACE,
  NAMESPACE_RETENTION_HOURS,
  SERVICES,
  SQL_PLUGIN,
  schemaSteps,
  type ClusterPorts,
} from './temporal-cluster-config';
import { registerCaseSearchAttributes } from './temporal-search-attributes';

/**
 * A free port below 32768: the SQL schema keeps membership ports in a `smallint` column, and a
 * service whose port is above it dies at start (`value "40839" is out of range for type smallint`),
 * while the kernel hands out free ports from 32768 up.
 */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port) || (await portAnswers(port))) continue;
    const bindable = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (bindable) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
}

export async function clusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const services = {} as ClusterPorts['services'];
  for (const service of SERVICES) {
    services[service] = { grpc: await freePort(), membership: await freeLowPort(taken) };
  }
  return { frontendHttp: await freePort(), services };
}

/** The SQL tool's steps (temporal-cluster-config.ts) against the cluster's PostgreSQL. */
export function makeSchema(binaries: ClusterBinaries, postgres: RestartablePostgres, logFile: string): void {
  const env = {
    PATH: process.env.PATH ?? '',
    SQL_PLUGIN,
    SQL_HOST: '127.0.0.1',
    SQL_PORT: String(postgres.port),
    SQL_USER: 'postgres',
    SQL_PASSWORD: '',
  };
  for (const args of schemaSteps()) {
    const run = spawnSync(binaries.sql, args, { env, encoding: 'utf8' });
    appendFileSync(logFile, `$ sql ${args.join(' ')}\n${run.stdout}${run.stderr}`);
    if (run.status !== 0) throw new Error(`temporal sql tool failed: ${args.join(' ')}; see ${logFile}`);
  }
}

/** Until the frontend's health check says SERVING. */
export async function untilServing(connection: Connection): Promise<void> {
  await waitFor(
    'the Temporal frontend to report SERVING',
    async () => {
      const answer = await connection.healthService
        .check({ service: 'temporal.api.workflowservice.v1.WorkflowService' })
        .catch(() => null);
      // grpc.health.v1 ServingStatus: 1 is SERVING.
      return Number(answer?.status) === 1;
    },
    60_000,
  );
}

/** The namespace, then duban's search attributes, each waited for until the frontend lists it. */
export async function registerNamespace(connection: Connection): Promise<void> {
  await connection.workflowService.registerNamespace({
    namespace: NAMESPACE,
    description: 'duban cases',
    workflowExecutionRetentionPeriod: msToTs(`${NAMESPACE_RETENTION_HOURS}h`),
  });
  // The namespace cache of each service refreshes on its own clock (about 10 s).
  const described = async () => {
    try {
      await connection.workflowService.describeNamespace({ namespace: NAMESPACE });
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(`namespace ${NAMESPACE}`, described, 60_000);
  await registerCaseSearchAttributes(connection, NAMESPACE);
  const wanted = Object.values(caseSearchAttributeKeys).map((key) => key.name);
  await waitFor(
    "duban's search attributes",
    async () => {
      const listed = await connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
      return wanted.every((name) => name in (listed.customAttributes ?? {}));
    },
    60_000,
  );
}
