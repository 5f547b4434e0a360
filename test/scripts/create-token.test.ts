// The first admin of a deployment: `npm run token -- --role admin` prints a token that works, and
// DUBAN_ADMIN_TOKEN keeps exactly one bootstrap token however often the API starts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken, findPrincipal } from '../../shared/db/tokens';
import { createTestDatabase, type TestDatabase } from '../support/database';

const root = join(__dirname, '..', '..');
const runCli = (args: string[], databaseUrl: string) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'create-token.ts'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });

describe('tokens for the first admin', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('the CLI prints a new admin token once, and only its digest is stored', async () => {
    const result = runCli(['--role', 'admin', '--name', 'ops'], db.url);
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^dbn_[A-Za-z0-9_-]{32}$/);
    expect(await findPrincipal(db.sql, token)).toMatchObject({ role: 'admin', name: 'ops' });
    expect(await db.sql`SELECT 1 FROM api_tokens WHERE token_hash = ${token}`).toHaveLength(0);
  });

  it('the CLI refuses a unit role without a unit, with one clear line and exit 1', () => {
    const result = runCli(['--role', 'unit'], db.url);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('duban: --unit is required for --role unit');
  });

  it('DUBAN_ADMIN_TOKEN is created once and kept on every later start', async () => {
    const value = 'bootstrap-admin-token-0123456789';
    await ensureAdminToken(db.sql, value);
    await ensureAdminToken(db.sql, value);
    expect(await db.sql`SELECT 1 FROM api_tokens WHERE name = 'bootstrap admin'`).toHaveLength(1);
    expect(await findPrincipal(db.sql, value)).toMatchObject({ role: 'admin' });
  });
});
