// Issue 13: `npm start` makes one demo account per role, their passwords in a file only its owner may
// read; a later start keeps them, and a file that does not match the database gets new ones that work.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts } from '../../scripts/lib/demo/accounts';
import { logIn } from '../../shared/accounts/log-in';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';

const HOUR = 3_600_000;

describe('the demo accounts of `npm start`', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-demo-accounts-'));
  const file = join(dir, 'demo-accounts.json');
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one account per role, each logging in with the password in a 0600 file; a later start keeps them', async () => {
    const passwords = await ensureDemoAccounts(db.sql, file);
    expect(Object.keys(passwords)).toEqual([
      'demo-admin',
      'demo-office',
      'demo-leader',
      'demo-visitor',
      'demo-city-management',
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const roles = [];
    for (const [login, password] of Object.entries(passwords)) {
      const result = await logIn(db.sql, { login, password }, HOUR);
      if (result.outcome === 'session') roles.push(result.account.role);
    }
    expect(roles).toEqual(['admin', 'office', 'leader', 'visitor', 'unit']);
    chmodSync(file, 0o644);
    expect(await ensureDemoAccounts(db.sql, file)).toEqual(passwords);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a file lost or made for another database: new passwords, which work', async () => {
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    rmSync(file);
    const after = await ensureDemoAccounts(db.sql, file);
    expect(after['demo-office']).not.toBe(before['demo-office']);
    expect(await logIn(db.sql, { login: 'demo-office', password: after['demo-office']! }, HOUR)).toMatchObject({
      outcome: 'session',
    });
  });
});
