// docs/deployment.md, "Two database roles": `npm run migrate` (the compose `migrate` job) runs as
// DATABASE_OWNER_URL when it is set, so the tables belong to the owner and the app role of
// DATABASE_URL, which could not create them, gets only what migration 0011 grants.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase } from '../db/helpers/databases';
import { withDatabase } from '../support/global-setup';

const root = join(__dirname, '..', '..');
const migrateCli = (env: Record<string, string>) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'migrate.ts')], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });

describe('migrating with two roles', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let appUrl = '';

  beforeAll(async () => {
    db = await createEmptyDatabase();
    appUrl = withDatabase(inject('appDatabaseUrl'), new URL(db.url).pathname.slice(1));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('cannot migrate as the app role: it may not create tables', () => {
    const result = migrateCli({ DATABASE_URL: appUrl });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/permission denied for schema public/);
  });

  it('migrates as DATABASE_OWNER_URL, leaving the owner owning every table', async () => {
    const result = migrateCli({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: db.url });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('0011_app_role.sql');
    const sql = db.connect(1);
    const owners = await sql<
      { owner: string }[]
    >`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`;
    expect(owners).toEqual([{ owner: new URL(db.url).username }]);
  });
});
