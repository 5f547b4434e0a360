// Issue 13: accounts and service tokens from the command line (npm run accounts / tokens / token).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../shared/accounts/log-in';
import { findPrincipal } from '../../shared/db/tokens';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';

const root = join(__dirname, '..', '..');
const HOUR = 3_600_000;

describe('the accounts and tokens commands', () => {
  let db: TestDatabase;
  const run = (script: string, args: string[], input?: string) =>
    spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', script), ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('create prints a strong password once, with which the person logs in', async () => {
    const created = run('accounts.ts', [
      'create',
      '--login',
      'liu.yang',
      '--name',
      '刘洋',
      '--role',
      'unit',
      '--unit',
      'city-management',
    ]);
    expect(created.stderr).toBe('');
    const [login, password] = created.stdout.trim().split(' ');
    expect(login).toBe('liu.yang');
    const session = await logIn(db.sql, { login: 'liu.yang', password: password! }, HOUR);
    expect(session).toMatchObject({ outcome: 'session', account: { name: '刘洋', unitId: 'city-management' } });
  });

  it('reset-password takes a password on stdin; a weak one is refused with the rule, exit 1', async () => {
    expect(
      run('accounts.ts', ['reset-password', '--login', 'liu.yang', '--password-stdin'], 'horse battery 7\n').status,
    ).toBe(0);
    expect(await logIn(db.sql, { login: 'liu.yang', password: 'horse battery 7' }, HOUR)).toMatchObject({
      outcome: 'session',
    });
    const weak = run('accounts.ts', ['reset-password', '--login', 'liu.yang', '--password-stdin'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/^duban: 密码至少 10 个字符/);
  });

  it('set-role, disable and list', async () => {
    expect(run('accounts.ts', ['set-role', '--login', 'liu.yang', '--role', 'visitor']).status).toBe(0);
    expect(run('accounts.ts', ['disable', '--login', 'liu.yang']).status).toBe(0);
    expect(await logIn(db.sql, { login: 'liu.yang', password: 'horse battery 7' }, HOUR)).toEqual({
      outcome: 'refused',
    });
    expect(run('accounts.ts', ['list']).stdout).toBe('liu.yang\tvisitor\tcity-management\tdisabled\t刘洋\n');
    const unknown = run('accounts.ts', ['disable', '--login', 'nobody']);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'duban: no account with login nobody']);
  });

  it('token --expires-in makes a token that expires; tokens list shows it without its value; revoke ends it', async () => {
    const created = run('create-token.ts', ['--role', 'leader', '--name', 'dashboard', '--expires-in', 'P7D']);
    const token = created.stdout.trim();
    const principal = await findPrincipal(db.sql, token);
    expect(principal).toMatchObject({ name: 'dashboard', role: 'leader' });
    const listed = run('tokens.ts', ['list']).stdout;
    const line = listed.split('\n').find((l) => l.includes('dashboard'))!;
    const [id, , , , , expires, revoked] = line.split('\t');
    expect(id).toBe(principal!.tokenId);
    expect(Date.parse(expires!) - Date.now()).toBeGreaterThan(7 * 24 * HOUR - 60_000);
    expect(revoked).toBe('-');
    expect(listed).not.toContain(token);
    expect(run('tokens.ts', ['revoke', '--id', id!]).status).toBe(0);
    expect(await findPrincipal(db.sql, token)).toBeNull();
  });
});
