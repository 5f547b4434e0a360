import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createSql, type Sql } from '../../../shared/db/sql';
import { withDatabase } from '../../support/global-setup';

/** An empty database (no migrations: cloned from template1), for tests of the migrations themselves. */
export async function createEmptyDatabase(): Promise<{
  url: string;
  connect(max?: number): Sql;
  drop(): Promise<void>;
}> {
  const name = `duban_empty_${randomBytes(6).toString('hex')}`;
  const admin = createSql(inject('databaseUrl'), { max: 1 });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(inject('databaseUrl'), name);
  const opened: Sql[] = [];
  return {
    url,
    connect(max = 2) {
      const sql = createSql(url, { max });
      opened.push(sql);
      return sql;
    },
    async drop() {
      await Promise.all(opened.map((sql) => sql.end({ timeout: 5 })));
      const cleanup = createSql(inject('databaseUrl'), { max: 1 });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
