// Issue 13, the bootstrap admin: a first-run thing. The admin account is made once; the bootstrap
// token expires, and a changed or removed DUBAN_ADMIN_TOKEN retires the old one at the next start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, type BootstrapSettings } from '../../shared/accounts/bootstrap-admin';
import { logIn } from '../../shared/accounts/log-in';
import { findPrincipal } from '../../shared/db/tokens';
import { createTestDatabase, type TestDatabase } from '../support/database';

const DAY = 86_400_000;
const first = 'first-bootstrap-token-0123456789';
const second = 'second-bootstrap-token-012345678';

describe('the bootstrap admin', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const start = (settings: Partial<BootstrapSettings>) => bootstrapAdmin(db.sql, { adminTokenTtlMs: DAY, ...settings });

  it('registers DUBAN_ADMIN_TOKEN with an expiry, which a later start does not extend', async () => {
    await start({ adminToken: first });
    const [row] = await db.sql<{ expires_at: Date }[]>`SELECT expires_at FROM api_tokens WHERE bootstrap`;
    const expiresAt = row!.expires_at;
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(DAY);
    expect(await start({ adminToken: first })).toEqual([
      expect.stringMatching(/^DUBAN_ADMIN_TOKEN is an admin token until/),
    ]);
    expect(await db.sql`SELECT expires_at FROM api_tokens WHERE bootstrap`).toEqual([{ expires_at: expiresAt }]);
    expect(await findPrincipal(db.sql, first)).toMatchObject({ role: 'admin' });
  });

  it('a changed DUBAN_ADMIN_TOKEN retires the old token at the next start', async () => {
    await start({ adminToken: second });
    expect(await findPrincipal(db.sql, first)).toBeNull();
    expect(await findPrincipal(db.sql, second)).toMatchObject({ role: 'admin' });
  });

  it('an expired bootstrap token stays refused, and the log says so', async () => {
    await db.sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE bootstrap`;
    expect(await start({ adminToken: second })).toEqual([expect.stringMatching(/has expired or was revoked/)]);
    expect(await findPrincipal(db.sql, second)).toBeNull();
  });

  it('a bootstrap token from before expiry existed gets one at the next start', async () => {
    const legacy = 'legacy-bootstrap-token-012345678';
    await start({ adminToken: legacy });
    await db.sql`UPDATE api_tokens SET expires_at = NULL WHERE bootstrap AND revoked_at IS NULL`;
    await start({ adminToken: legacy });
    const [row] = await db.sql`SELECT expires_at FROM api_tokens WHERE bootstrap AND revoked_at IS NULL`;
    expect(row!.expires_at).not.toBeNull();
  });

  it('a start without DUBAN_ADMIN_TOKEN revokes the bootstrap token', async () => {
    expect(await start({})).toEqual([expect.stringMatching(/revoked/)]);
    expect(await db.sql`SELECT 1 FROM api_tokens WHERE bootstrap AND revoked_at IS NULL`).toHaveLength(0);
  });

  it('makes the first admin account once: a later start with another password changes nothing', async () => {
    const notes = await start({ adminLogin: 'admin', adminPassword: 'first chief pw 1' });
    expect(notes).toEqual(['created the first admin account, admin; unset DUBAN_ADMIN_PASSWORD now']);
    expect(await start({ adminLogin: 'admin', adminPassword: 'another chief pw 2' })).toEqual([
      expect.stringMatching(/an admin account exists/),
    ]);
    expect(await logIn(db.sql, { login: 'admin', password: 'another chief pw 2' }, DAY)).toEqual({
      outcome: 'refused',
    });
    expect(await logIn(db.sql, { login: 'admin', password: 'first chief pw 1' }, DAY)).toMatchObject({
      outcome: 'session',
      account: { role: 'admin' },
    });
  });

  it('never makes a second first admin: not after the admin is disabled, nor over a taken login', async () => {
    await db.sql`UPDATE accounts SET active = false WHERE login = 'admin'`;
    expect(await start({ adminLogin: 'root', adminPassword: 'a different pw 3' })).toEqual([
      expect.stringMatching(/an admin account exists/),
    ]);
    expect(await db.sql`SELECT 1 FROM accounts WHERE login = 'root'`).toHaveLength(0);
    await db.sql`UPDATE accounts SET active = true WHERE login = 'admin'`;
  });

  it('refuses a weak bootstrap password', async () => {
    const fresh = await createTestDatabase();
    try {
      await expect(
        bootstrapAdmin(fresh.sql, { adminTokenTtlMs: DAY, adminLogin: 'boss', adminPassword: 'bossboss12' }),
      ).rejects.toThrow(/密码至少/);
    } finally {
      await fresh.drop();
    }
  });
});
