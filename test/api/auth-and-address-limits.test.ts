// Issue 13, "Limits that hold" and "Least exposure": the auth hook decides on the route the router
// matched (which decodes the path), and failed authentications are counted per client address,
// refused with 429 before any token lookup once over the limit; verified calls count per token.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { Sql } from '../../shared/db/sql';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

const LIMIT = 5;

/** The same database, counting the token lookups that reach it (the statement `findPrincipal` sends). */
function countingTokenLookups(sql: Sql): { sql: Sql; lookups: () => number } {
  let lookups = 0;
  const counted = new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      const strings = args[0] as TemplateStringsArray | undefined;
      if (Array.isArray(strings) && strings.join('').includes('FROM api_tokens WHERE token_hash')) lookups += 1;
      return Reflect.apply(target, thisArg, args) as unknown;
    },
  });
  return { sql: counted, lookups: () => lookups };
}

const randomBearer = () => bearer(`dbn_${Math.random().toString(36).slice(2)}${Date.now()}`);

describe('authentication on the routed path, and failed attempts per address', () => {
  let db: TestDatabase;
  let connection: Connection;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let lookups: () => number;
  let office: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    office = await tokenFor(db.sql, 'office');
    const counting = countingTokenLookups(db.sql);
    lookups = counting.lookups;
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection, namespace: 'default' });
    app = await buildApp({ sql: counting.sql, temporal, taskQueue: 'no-worker', rateLimitPerMinute: LIMIT });
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await db?.drop();
  });

  it('requires a token on a /v1 route however its path is percent-encoded, and stores nothing without one', async () => {
    const at = { remoteAddress: '10.0.1.1' };
    for (const url of ['/%761/units', '/v1/%75nits', '/%76%31/cases', '/v1/cases/%63ase-1']) {
      const refused = await app.inject({ ...at, url });
      expect(refused.statusCode, url).toBe(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await app.inject({ ...at, url: '/%761/units', headers: bearer(office) })).statusCode).toBe(200);
    const post = await app.inject({
      ...at,
      method: 'POST',
      url: '/%761/units',
      payload: { id: 'encoded-unit', name: '编码', kind: 'department' },
    });
    expect(post.statusCode).toBe(401);
    expect(await db.sql`SELECT id FROM units WHERE id = 'encoded-unit'`).toHaveLength(0);
  });

  it('answers 404 for a path no route matches, encoded or not, with or without a token', async () => {
    const at = { remoteAddress: '10.0.1.2' };
    for (const url of ['/v1/no-such-thing', '/%761/no-such-thing', '/v2/units']) {
      const missing = await app.inject({ ...at, url });
      expect(missing.statusCode, url).toBe(404);
      expect((await app.inject({ ...at, url, headers: bearer(office) })).statusCode, url).toBe(404);
    }
  });

  it('refuses a flood of random bearers from one address with 429 after the limit, and stops looking them up', async () => {
    const at = { remoteAddress: '10.0.2.1' };
    const before = lookups();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 20; i++) {
      statuses.push((await app.inject({ ...at, url: '/v1/units', headers: randomBearer() })).statusCode);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array<number>(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array<number>(20).fill(429));
    expect(lookups() - before).toBe(LIMIT);

    const limited = await app.inject({ ...at, url: '/%761/units', headers: randomBearer() });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Refused unheard: the address is over its limit, whatever it presents now.
    expect((await app.inject({ ...at, url: '/v1/units', headers: bearer(office) })).statusCode).toBe(429);
    const post = await app.inject({
      ...at,
      method: 'POST',
      url: '/v1/units',
      headers: bearer(office),
      payload: { id: 'flooded-unit', name: '洪', kind: 'department' },
    });
    expect(post.statusCode).toBe(429);
    expect(await db.sql`SELECT id FROM units WHERE id = 'flooded-unit'`).toHaveLength(0);
    expect(lookups() - before).toBe(LIMIT);
    // Another address is not affected.
    expect(
      (await app.inject({ remoteAddress: '10.0.2.2', url: '/v1/units', headers: bearer(office) })).statusCode,
    ).toBe(200);
  });

  it('counts requests without any Authorization header against the address too', async () => {
    const at = { remoteAddress: '10.0.3.1' };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await app.inject({ ...at, url: '/v1/units' })).statusCode);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429, 429]);
  });

  it('limits verified calls per token, not per address or per header spelling', async () => {
    const at = { remoteAddress: '10.0.4.1' };
    const visitor = await tokenFor(db.sql, 'visitor');
    const other = await tokenFor(db.sql, 'visitor');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      statuses.push((await app.inject({ ...at, url: '/v1/units', headers: bearer(visitor) })).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    // The same token from another address shares its bucket; another token from this address does not.
    expect(
      (await app.inject({ remoteAddress: '10.0.4.2', url: '/v1/units', headers: bearer(visitor) })).statusCode,
    ).toBe(429);
    expect((await app.inject({ ...at, url: '/v1/units', headers: bearer(other) })).statusCode).toBe(200);
    // Verified calls did not use up the address's allowance of failed attempts.
    expect((await app.inject({ ...at, url: '/v1/units', headers: randomBearer() })).statusCode).toBe(401);
  });
});
