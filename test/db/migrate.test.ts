// Migrations (issue 4): forward-only, numbered, recorded in schema_migrations, safe to run twice and
// from two processes at once.
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../shared/db/migrate';
import { createEmptyDatabase } from './helpers/databases';

describe('migrations', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  const emptyDatabase = async () => {
    const db = await createEmptyDatabase();
    cleanups.push(() => db.drop());
    return db;
  };

  it('are numbered without gaps or repeats, so their order is never in doubt', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('apply from an empty database, each recorded once in schema_migrations; a second run applies none', async () => {
    const db = await emptyDatabase();
    const sql = db.connect();
    const names = loadMigrations().map((m) => m.name);

    expect(await migrate(sql)).toEqual(names);
    expect(await migrate(sql)).toEqual([]);

    const recorded = await sql<
      { version: number; name: string }[]
    >`SELECT version, name FROM schema_migrations ORDER BY version`;
    expect(recorded.map((r) => r.name)).toEqual(names);
    const tables = await sql<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'cases',
        'case_events',
        'case_reports',
        'case_extensions',
        'case_follow_ups',
        'case_escalations',
      ]),
    );
  });

  it('run by two processes at once on a fresh database, apply each migration exactly once', async () => {
    const db = await emptyDatabase();
    const [first, second] = [db.connect(1), db.connect(1)];

    const [a, b] = await Promise.all([migrate(first), migrate(second)]);

    const names = loadMigrations().map((m) => m.name);
    // One process applied everything while the other waited on the lock, then found nothing to do.
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([names, []]);
    const [row] = await first<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`;
    expect(row!.n).toBe(names.length);
  });

  it('leave a database half-way through a failing migration exactly as it was (one transaction)', async () => {
    const db = await emptyDatabase();
    const sql = db.connect();
    const [init] = loadMigrations();
    const broken = [init!, { version: 2, name: '0002_broken.sql', sql: 'CREATE TABLE half_done (x int); SELECT 1/0;' }];

    await expect(migrate(sql, broken)).rejects.toThrow(/division by zero/);

    const [exists] = await sql<{ found: string | null }[]>`SELECT to_regclass('public.cases')::text AS found`;
    expect(exists!.found).toBeNull();
    expect(await migrate(sql)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('install pg_trgm and its trigram indexes where PostgreSQL ships it, for Chinese free text', async () => {
    const db = await emptyDatabase();
    const sql = db.connect();
    await migrate(sql);
    const [available] = await sql`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`;
    if (!available) return; // The migration must then succeed without it, which it just did.
    const indexes = await sql<{ name: string }[]>`
      SELECT indexname AS name FROM pg_indexes WHERE tablename = 'cases' AND indexdef LIKE '%gin_trgm_ops%'`;
    expect(indexes.map((i) => i.name).sort()).toEqual(['cases_description_trgm_idx', 'cases_title_trgm_idx']);
  });
});
