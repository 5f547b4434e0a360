import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createSql, type Sql } from '../../shared/db/sql';
import { withDatabase } from './global-setup';

export interface TestDatabase {
  /** The owner role's URL: migrations, fixtures, tampering (what the app role may not do). */
  url: string;
  /** The owner role's pool, for fixtures and the test's own reads and writes. */
  sql: Sql;
  /** The same database as the app role (a member of duban_app), as the API and worker connect. */
  appUrl: string;
  appSql: Sql;
  drop(): Promise<void>;
}

// The app-role pool of each owner pool handed out, so the harness's buildTestApp and
// startWorkerOnDevServer, which take the test's `db.sql`, run the API and worker as the app role.
const appPools = new WeakMap<Sql, Sql>();

/**
 * The app role's pool for a test database's owner pool; a pool made elsewhere (the migration tests'
 * empty databases) is answered as it is.
 */
export function appSqlOf(sql: Sql): Sql {
  return appPools.get(sql) ?? sql;
}

/** A fresh, migrated database of its own for one test file: a copy of the run's template. */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const name = `duban_test_${randomBytes(6).toString('hex')}`;
  const admin = createSql(inject('databaseUrl'), { max: 1 });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(inject('databaseUrl'), name);
  const appUrl = withDatabase(inject('appDatabaseUrl'), name);
  // Both pools connect on demand: a test that never starts the app opens no app-role connection.
  const sql = createSql(url, { max: options.max ?? 5 });
  const appSql = createSql(appUrl, { max: options.max ?? 5 });
  appPools.set(sql, appSql);
  return {
    url,
    sql,
    appUrl,
    appSql,
    async drop() {
      await Promise.all([sql.end({ timeout: 5 }), appSql.end({ timeout: 5 })]);
      const cleanup = createSql(inject('databaseUrl'), { max: 1 });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
