// docs/api.md "Reference data": admins write units, localities, categories, rules and tokens;
// every role reads; bad input is a problem+json error that changes nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

describe('reference data over HTTP', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let admin: string;
  let unit: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    admin = await tokenFor(db.sql, 'admin');
    unit = await tokenFor(db.sql, 'unit', 'city-management');
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  it('an admin creates a unit (201 with Location) and every role reads it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: bearer(admin),
      payload: { id: 'housing-bureau', name: '住建局', kind: 'department', leaderName: '王局长' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/units/housing-bureau');
    const read = await app.inject({ method: 'GET', url: '/v1/units/housing-bureau', headers: bearer(unit) });
    expect(read.json()).toMatchObject({ id: 'housing-bureau', name: '住建局', leaderName: '王局长', parentId: null });
  });

  it('a unit token may read but not write reference data (403)', async () => {
    const attempt = await app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: bearer(unit),
      payload: { id: 'x-unit', name: 'X', kind: 'department' },
    });
    expect(attempt.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/units/x-unit', headers: bearer(admin) })).statusCode).toBe(404);
  });

  it('a duplicate id is 409 and an unknown parent is 422 naming the field', async () => {
    const duplicate = await app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: bearer(admin),
      payload: { id: 'office', name: '重复', kind: 'office' },
    });
    expect(duplicate.statusCode).toBe(409);
    const orphan = await app.inject({
      method: 'POST',
      url: '/v1/units',
      headers: bearer(admin),
      payload: { id: 'orphan', name: '孤儿', kind: 'department', parentId: 'nowhere' },
    });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json()).toMatchObject({ errors: [{ path: 'body.parentId' }] });
  });

  it('lists page with an opaque cursor and refuse a forged one', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/units?limit=2', headers: bearer(admin) });
    const page = first.json<{ items: Array<{ id: string }>; nextCursor: string }>();
    expect(page.items).toHaveLength(2);
    const second = await app.inject({
      method: 'GET',
      url: `/v1/units?limit=2&cursor=${page.nextCursor}`,
      headers: bearer(admin),
    });
    const next = second.json<{ items: Array<{ id: string }> }>();
    expect(next.items[0]!.id > page.items[1]!.id).toBe(true);
    const forged = await app.inject({ method: 'GET', url: '/v1/units?cursor=bm9wZQ', headers: bearer(admin) });
    expect(forged.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/units?limit=500', headers: bearer(admin) })).statusCode).toBe(
      400,
    );
  });

  it('a policy change makes a new policy version', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: '/v1/categories/street-vending',
      headers: bearer(admin),
      payload: { policy: { reportEvery: 'P14D' } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ policyVersion: 2, policy: { reportEvery: 'P14D', acceptWithin: 'P1D' } });
    const invalid = await app.inject({
      method: 'PATCH',
      url: '/v1/categories/street-vending',
      headers: bearer(admin),
      payload: { policy: { reportEvery: 'every week' } },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it('publishing a rule set with conflicting rules is 422 naming them, and the old version stays', async () => {
    const before = (await app.inject({ method: 'GET', url: '/v1/routing-rules', headers: bearer(unit) })).json<{
      version: number;
    }>();
    const conflicting = await app.inject({
      method: 'PUT',
      url: '/v1/routing-rules',
      headers: bearer(admin),
      payload: {
        rules: [
          { id: 'a', category: 'street-vending', lead: 'city-management' },
          { id: 'b', category: 'street-vending', lead: 'xingtai-street' },
        ],
      },
    });
    expect(conflicting.statusCode).toBe(422);
    expect(conflicting.json<{ conflictingRules: string[] }>().conflictingRules.sort()).toEqual(['a', 'b']);
    const after = (await app.inject({ method: 'GET', url: '/v1/routing-rules', headers: bearer(unit) })).json<{
      version: number;
    }>();
    expect(after.version).toBe(before.version);
  });

  it('publishes a valid rule set as the next version, and explain uses it without side effects', async () => {
    const published = await app.inject({
      method: 'PUT',
      url: '/v1/routing-rules',
      headers: bearer(admin),
      payload: {
        rules: [
          {
            id: 'street-by-township',
            category: 'street-vending',
            locality: 'xingtai',
            lead: 'locality',
            coHandlers: ['business_owner'],
          },
        ],
      },
    });
    expect(published.statusCode).toBe(200);
    const explained = await app.inject({
      method: 'POST',
      url: '/v1/routing/explain',
      headers: bearer(unit),
      payload: { category: 'street-vending', locality: 'xingtai' },
    });
    expect(explained.json()).toMatchObject({
      lead: 'xingtai-street',
      coHandlers: ['city-management'],
      ruleId: 'street-by-township',
      rulesVersion: published.json<{ version: number }>().version,
    });
    expect(explained.json<{ explanation: string[] }>().explanation.join(' ')).toContain('兴泰街道');
  });

  it('routes with reference data changed by another process, without a restart', async () => {
    const explain = () =>
      app.inject({
        method: 'POST',
        url: '/v1/routing/explain',
        headers: bearer(unit),
        payload: { category: 'unowned', locality: 'qishe' },
      });
    expect((await explain()).json()).toMatchObject({ lead: 'qishe-town', decidedBy: 'locality_default' });
    // Another API process (or an operator with psql) makes justice-bureau the owner.
    await db.sql`UPDATE categories SET business_owner_unit_id = 'justice-bureau' WHERE code = 'unowned'`;
    expect((await explain()).json()).toMatchObject({ lead: 'justice-bureau', decidedBy: 'business_owner_default' });
  });

  it('creates a token shown once, stored only as a digest, that then authenticates', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: bearer(admin),
      payload: { name: '司法局 token', role: 'unit', unitId: 'justice-bureau' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json<{ token: string }>();
    const stored = await db.sql`SELECT 1 FROM api_tokens WHERE token_hash = ${token}`;
    expect(stored).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/v1/units', headers: bearer(token) })).statusCode).toBe(200);
    const noUnit = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: bearer(admin),
      payload: { name: 'x', role: 'unit' },
    });
    expect(noUnit.statusCode).toBe(400);
  });
});
