import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSql, type Sql } from './sql';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
// Any fixed number: two processes migrating at once queue on this lock instead of racing.
const MIGRATION_LOCK = 7_236_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}

/** Applies the forward-only migrations not yet recorded; safe to run twice and from two processes. */
export async function migrate(sql: Sql, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
    const applied = new Set(
      (await tx<{ version: number }[]>`SELECT version FROM schema_migrations`).map((r) => r.version),
    );
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
      done.push(migration.name);
    }
    return done;
  });
}

/**
 * Migrates as the owner role when `ownerUrl` names one (DATABASE_OWNER_URL), else on `sql` itself:
 * the process's own pool is the app role's, which may not create or alter tables (docs/security.md).
 */
export async function migrateAsOwner(sql: Sql, ownerUrl: string | undefined): Promise<string[]> {
  if (!ownerUrl) return migrate(sql);
  const owner = createSql(ownerUrl, { max: 1 });
  try {
    return await migrate(owner);
  } finally {
    await owner.end({ timeout: 5 });
  }
}
