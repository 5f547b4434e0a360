import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createSql, type Sql } from '../../shared/db/sql';
import { withDatabase } from './global-setup';

export interface TestDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
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
  const sql = createSql(url, { max: options.max ?? 5 });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const cleanup = createSql(inject('databaseUrl'), { max: 1 });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
