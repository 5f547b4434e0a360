// Once per vitest run: real PostgreSQL and a real Temporal dev server (started here unless
// DATABASE_URL / TEMPORAL_ADDRESS name running ones), a migrated template database that each test
// file clones, and the workflow bundle built once so each test file's worker starts quickly.
//
// Two roles, as in production (docs/security.md): DATABASE_URL's role owns the databases, migrates
// them and sets up fixtures; the API and worker under test log in as APP_LOGIN, a member of duban_app
// (migration 0011), so every test that drives them proves they work with the app role's privileges.
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../shared/db/migrate';
import { createSql } from '../../shared/db/sql';
import { startTemporaryPostgres } from '../../scripts/lib/postgres-server';
import { projectRoot } from '../../scripts/lib/processes';
import { startDevServer, timeSkippingServerPath } from '../../scripts/lib/temporal-dev-server';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The same server as `databaseUrl`, logging in as the app role's login. */
    appDatabaseUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    workflowBundlePath: string;
    timeSkippingServerPath: string;
  }
}

const TEMPLATE = 'duban_test_template';
const APP_LOGIN = 'duban_test_app';
// The throwaway server trusts 127.0.0.1; a DATABASE_URL server that asks for passwords gets this one.
const APP_PASSWORD = 'duban_test_app';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = join(projectRoot, '.data', 'test');
  mkdirSync(dir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const postgres = await startTemporaryPostgres(join(dir, 'postgres.log'));
    stops.push(() => postgres.stop());
    databaseUrl = postgres.url;
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const temporal = await startDevServer({ headless: true, logFile: join(dir, 'temporal.log') });
    stops.push(() => temporal.stop());
    temporalAddress = temporal.address;
  }

  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  try {
    await createTemplateDatabase(databaseUrl);
    const workflowsPath = join(projectRoot, 'workflows', 'index.ts');
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
    writeFileSync(workflowBundlePath, code);
  } catch (error) {
    await stopAll();
    throw error;
  }

  project.provide('databaseUrl', databaseUrl);
  project.provide('appDatabaseUrl', withLogin(databaseUrl, APP_LOGIN, APP_PASSWORD));
  project.provide('templateDatabase', TEMPLATE);
  project.provide('temporalAddress', temporalAddress);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('timeSkippingServerPath', timeSkippingServerPath());

  return stopAll;
}

async function createTemplateDatabase(databaseUrl: string): Promise<void> {
  const admin = createSql(databaseUrl, { max: 1 });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = createSql(withDatabase(databaseUrl, TEMPLATE), { max: 1 });
  try {
    await migrate(template);
    // Roles are the cluster's: created once, kept between runs on a DATABASE_URL server.
    await template.unsafe(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN
          CREATE ROLE ${APP_LOGIN} LOGIN PASSWORD '${APP_PASSWORD}' IN ROLE duban_app;
        END IF;
      END $$`);
  } finally {
    await template.end();
  }
}

export function withLogin(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
