// Issue 5 "Bad input" and "Availability": limits answer with problem+json, and a dependency that is
// down answers 503 with Retry-After — quickly, never a hang or a 500 — and the API recovers alone.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { createSql } from '../../shared/db/sql';
import { freePort } from '../../scripts/lib/processes';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

const street = {
  kind: 'suggestion',
  category: 'street-vending',
  title: '占道',
  description: '占道经营',
  locality: 'xingtai',
};

describe('limits', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let visitor: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    visitor = await tokenFor(db.sql, 'visitor');
    api = await buildTestApp(db.sql, { rateLimitPerMinute: 5 });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('limits requests per token with 429 problem+json and Retry-After, and keeps probes free', async () => {
    const other = await tokenFor(db.sql, 'visitor');
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await api.app.inject({ url: '/v1/units', headers: bearer(visitor) })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await api.app.inject({ url: '/v1/units', headers: bearer(visitor) });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.app.inject({ url: '/v1/units', headers: bearer(other) })).statusCode).toBe(200);
    expect((await api.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('refuses an oversized body with 413 and an over-long field with 400 naming it', async () => {
    const other = await tokenFor(db.sql, 'visitor');
    const huge = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(other),
      payload: { ...street, description: 'x'.repeat(300 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    const long = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(other),
      payload: { ...street, title: '长'.repeat(201) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ errors: [{ path: 'body.title' }] });
  });

  it('never shows a stack trace or SQL in an error', async () => {
    const other = await tokenFor(db.sql, 'visitor');
    const bad = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { ...bearer(other), 'content-type': 'application/json' },
      payload: '{"kind": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|INSERT/);
  });
});

describe('outages', () => {
  it('answers 503 with Retry-After when PostgreSQL is unreachable', async () => {
    const sql = createSql(`postgres://postgres@127.0.0.1:${await freePort()}/none`, {
      max: 1,
      connectTimeoutSeconds: 2,
    });
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const app = await buildApp({ sql, temporal: new Client({ connection }), taskQueue: 'none' });
    try {
      const response = await app.inject({ url: '/v1/units', headers: bearer('dbn_whatever') });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ status: 503 });
      expect(response.json<{ detail: string }>().detail).toContain('PostgreSQL');
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ postgres: { ok: false } });
    } finally {
      await app.close();
      await sql.end({ timeout: 1 });
    }
  });

  it('accepts a report while Temporal is unreachable (201, stored, its start pending); its actions answer 503 with Retry-After', async () => {
    const db = await createTestDatabase();
    await seedSmallCity(db.sql);
    const visitor = await tokenFor(db.sql, 'visitor');
    const office = await tokenFor(db.sql, 'office');
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '2s' });
    const app = await buildApp({ sql: db.sql, temporal: new Client({ connection }), taskQueue: 'none' });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(visitor),
        payload: { ...street, reporter: { name: '王某' } },
      });
      expect(response.statusCode).toBe(201);
      const { id } = response.json<{ id: string }>();
      const [row] = await db.sql<{ status: string; reporterId: string }[]>`
        SELECT status, reporter_id AS "reporterId" FROM cases WHERE id = ${id}`;
      expect(row?.status).toBe('queued');
      expect(await db.sql`SELECT 1 FROM reporters WHERE id = ${row!.reporterId}`).toHaveLength(1);
      expect(await db.sql`SELECT 1 FROM case_starts WHERE case_id = ${id}`).toHaveLength(1);

      const action = await app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/close`,
        headers: bearer(office),
        payload: { reason: 'withdrawn', note: '群众撤回' },
      });
      expect(action.statusCode).toBe(503);
      expect(action.headers['retry-after']).toBe('5');
      expect(action.json<{ detail: string }>().detail).toContain('Temporal');
      expect(await db.sql`SELECT seq FROM case_events WHERE case_id = ${id}`).toHaveLength(2);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('recovers by itself when PostgreSQL comes back', async () => {
    const db = await createTestDatabase();
    const admin = await tokenFor(db.sql, 'admin');
    // A pool that loses every connection (as when the server restarts) reconnects on the next query.
    const sql = createSql(db.url, { max: 2 });
    const app = await buildApp({
      sql,
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
      taskQueue: 'none',
    });
    try {
      expect((await app.inject({ url: '/v1/units', headers: bearer(admin) })).statusCode).toBe(200);
      await db.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
      const after = await app.inject({ url: '/v1/units', headers: bearer(admin) });
      expect([200, 503]).toContain(after.statusCode);
      expect((await app.inject({ url: '/v1/units', headers: bearer(admin) })).statusCode).toBe(200);
    } finally {
      await app.close();
      await sql.end({ timeout: 1 });
      await db.drop();
    }
  });
});
