// One Temporal configuration for every size of duban. The cluster launcher (temporal-cluster.ts) and
// docker-compose.yml run the same server release, render its configuration from the same variables
// with the template embedded in the server binary (what the `temporalio/server` image does), read the
// same dynamic config file and make the schema with the same `temporal-sql-tool` steps.
// test/deploy/compose.test.ts compares the compose file with what this module says.
import { join } from 'node:path';
import { projectRoot } from './processes';

/**
 * The newest release that builds with the machine's Go (1.26.8): later patch releases ask for a newer
 * Go. The pinned Temporal CLI embeds the same server release in its dev server.
 */
export const TEMPORAL_SERVER_VERSION = '1.32.0';

/** Committed, read by the launcher and mounted by docker-compose.yml. */
export const DYNAMIC_CONFIG_FILE = 'deploy/temporal/dynamic-config.yaml';
export const dynamicConfigPath = (): string => join(projectRoot, DYNAMIC_CONFIG_FILE);

export const TEMPORAL_DATABASE = 'temporal';
export const VISIBILITY_DATABASE = 'temporal_visibility';
export const SQL_PLUGIN = 'postgres12';
export const NAMESPACE = 'default';
/** How long a closed case's history stays in Temporal (the ledger keeps the audit trail for good). */
export const NAMESPACE_RETENTION_HOURS = 720;

/**
 * The server settings that do not depend on the host: compose's `temporal` service sets exactly these
 * values. The shard count is fixed for the life of a cluster; 64 leaves room for a province's history
 * hosts (docs/deployment.md) and costs little on one box.
 */
export const sharedServerEnvironment = {
  DB: SQL_PLUGIN,
  DBNAME: TEMPORAL_DATABASE,
  VISIBILITY_DBNAME: VISIBILITY_DATABASE,
  NUM_HISTORY_SHARDS: '64',
  LOG_LEVEL: 'warn',
} as const;

/** `temporal-sql-tool` arguments, in order, for both databases; the schemas are embedded in the tool. */
export function schemaSteps(): string[][] {
  const steps = (database: string, schema: string) => [
    ['--db', database, 'create-database'],
    ['--db', database, 'setup-schema', '-v', '0.0'],
    ['--db', database, 'update-schema', '--schema-name', `postgresql/v12/${schema}`],
  ];
  return [...steps(TEMPORAL_DATABASE, 'temporal'), ...steps(VISIBILITY_DATABASE, 'visibility')];
}

export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServicePorts {
  grpc: number;
  membership: number;
}

export interface ClusterPorts {
  frontendHttp: number;
  services: Record<ServiceName, ServicePorts>;
}

/** Every variable one service process reads: all four share them (each learns the others' ports). */
export function serverEnvironment(options: {
  postgresPort: number;
  postgresUser: string;
  postgresPassword: string;
  ports: ClusterPorts;
}): Record<string, string> {
  const env: Record<string, string> = {
    ...sharedServerEnvironment,
    POSTGRES_SEEDS: '127.0.0.1',
    DB_PORT: String(options.postgresPort),
    POSTGRES_USER: options.postgresUser,
    POSTGRES_PWD: options.postgresPassword,
    // Loopback only: every service, and the address the others reach it at.
    BIND_ON_IP: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfigPath(),
    FRONTEND_HTTP_PORT: String(options.ports.frontendHttp),
  };
  for (const service of SERVICES) {
    const upper = service.toUpperCase();
    env[`${upper}_GRPC_PORT`] = String(options.ports.services[service].grpc);
    env[`${upper}_MEMBERSHIP_PORT`] = String(options.ports.services[service].membership);
  }
  return env;
}
