// Issue 13, service tokens: they may expire, admins list them without their secrets and revoke them;
// tokens made before expiry existed keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

describe('service tokens', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    api = await buildTestApp(db.sql);
    admin = await tokenFor(db.sql, 'admin');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, token = admin) =>
    api.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('a token with expiresAt works until then and is refused (401) after', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await call('POST', '/v1/tokens', { name: 'short-lived', role: 'leader', expiresAt });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(created.json()).toMatchObject({ role: 'leader', expiresAt });
    expect((await call('GET', '/v1/cases', undefined, token)).statusCode).toBe(200);
    // The hour passes (moved in the database rather than waited for).
    await db.sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${id}`;
    expect((await call('GET', '/v1/cases', undefined, token)).statusCode).toBe(401);
  });

  it('refuses an expiry in the past (422) and stores no token', async () => {
    const [before] = await db.sql`SELECT count(*) AS n FROM api_tokens`;
    const past = await call('POST', '/v1/tokens', { name: 'late', role: 'leader', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.json()).toMatchObject({ status: 422, errors: [{ path: 'body.expiresAt' }] });
    expect((await db.sql`SELECT count(*) AS n FROM api_tokens`)[0]).toEqual(before);
  });

  it('lists tokens without their values or digests, and revokes one at once', async () => {
    const created = await call('POST', '/v1/tokens', { name: '短信网关', role: 'unit', unitId: 'justice-bureau' });
    const { id, token } = created.json<{ id: string; token: string }>();
    const listed = await call('GET', '/v1/tokens?limit=200');
    expect(listed.statusCode).toBe(200);
    const item = listed.json<{ items: { id: string }[] }>().items.find((t) => t.id === id);
    expect(item).toMatchObject({ name: '短信网关', unitId: 'justice-bureau', expiresAt: null, revokedAt: null });
    const [stored] = await db.sql<{ token_hash: string }[]>`SELECT token_hash FROM api_tokens WHERE id = ${id}`;
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toContain(stored!.token_hash);

    expect((await call('DELETE', `/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await call('GET', '/v1/cases', undefined, token)).statusCode).toBe(401);
    expect((await call('DELETE', `/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', '/v1/tokens/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('only admins list, create or revoke tokens', async () => {
    const office = await tokenFor(db.sql, 'office');
    const [target] = await db.sql<{ id: string }[]>`SELECT id FROM api_tokens WHERE revoked_at IS NULL LIMIT 1`;
    expect((await call('GET', '/v1/tokens', undefined, office)).statusCode).toBe(403);
    expect((await call('POST', '/v1/tokens', { name: 'x', role: 'admin' }, office)).statusCode).toBe(403);
    expect((await call('DELETE', `/v1/tokens/${target!.id}`, undefined, office)).statusCode).toBe(403);
    const [still] = await db.sql`SELECT revoked_at FROM api_tokens WHERE id = ${target!.id}`;
    expect(still).toEqual({ revoked_at: null });
  });
});
