// The pool's reconnect policy: with the database down, a query waits for its connection's reconnect
// delay before it can fail, so that delay bounds how late the API's 503 comes (docs/faults.md).
import { describe, expect, it } from 'vitest';
import { createSql, openPool, reconnectBackoffSeconds } from '../../shared/db/sql';
import { createTestDatabase } from '../support/database';

describe('the connection pool', () => {
  it('waits at most a second between reconnect attempts, however many have failed', () => {
    const delays = Array.from({ length: 40 }, (_, failed) => reconnectBackoffSeconds(failed));
    expect(Math.max(...delays)).toBe(1);
    expect(delays[0]).toBe(0.05);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('is built with that policy rather than postgres.js’s, which grows to 20 s', async () => {
    const sql = createSql('postgres://nobody@127.0.0.1:1/none');
    try {
      expect(sql.options.backoff).toBe(reconnectBackoffSeconds);
    } finally {
      await sql.end({ timeout: 0 });
    }
  });

  it('opens every connection at once when asked, before any burst of requests needs them', async () => {
    const db = await createTestDatabase({ max: 1 });
    const sql = createSql(db.url, { max: 4 });
    const backends = async () =>
      (
        await db.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'duban' AND pid <> pg_backend_pid()`
      )[0]!.n;
    try {
      await sql`SELECT 1`;
      expect(await backends()).toBe(1);
      await openPool(sql);
      expect(await backends()).toBe(4);
    } finally {
      await sql.end({ timeout: 5 });
      await db.drop();
    }
  });
});
