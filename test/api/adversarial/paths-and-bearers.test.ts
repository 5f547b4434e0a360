// Issue 13, "Done when": every /v1 route of /openapi.json, spelled as an attacker would spell it
// (percent-encoded, doubled slashes, dot segments), never reaches its handler without a token; and a
// flood of made-up bearers from one address is refused with 429, unheard, once past the limit: no
// database round trip, whatever route or bearer it then tries. Nothing is stored either way.
// test/api/auth-and-address-limits.test.ts holds the mechanism's own tests; this walks every route.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../api/app';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedSmallCity } from '../../support/fixtures';
import { uniqueTaskQueue } from '../../support/temporal';
import { databaseContent } from '../text-probes';
import {
  CALLERS,
  UNSEEN_IDS,
  attempt,
  issueTokens,
  operationsOf,
  refusalFor,
  type Caller,
  type Operation,
} from './adversary';

/** The API's default: failed authentications an address may make in a minute (api/app.ts). */
const FAILURES_PER_MINUTE = 600;

/** Spellings the router decodes to the route itself: the auth hook must see through them (401). */
const routedSpellings = (url: string): string[] => {
  const [path, query] = url.split('?');
  const rest = path!.slice('/v1/'.length);
  const hex = (char: string) => `%${char.charCodeAt(0).toString(16)}`;
  const [first = '', ...others] = rest.split('/');
  return [
    `/%761/${rest}`,
    `/%76%31/${rest}`,
    `/v1/${hex(rest[0]!)}${rest.slice(1)}`,
    `/v1/${[[...first].map(hex).join(''), ...others].join('/')}`,
  ].map((spelling) => (query === undefined ? spelling : `${spelling}?${query}`));
};

/** Spellings a lenient server might resolve to the route: here a 401 or a 404, never the handler. */
const strayedSpellings = (url: string): string[] => {
  const path = url.split('?')[0]!;
  const rest = path.slice('/v1/'.length);
  return [
    `/v1//${rest}`,
    `//v1/${rest}`,
    `/v1/./${rest}`,
    `/v1/x/../${rest}`,
    `/v1/%2e%2e/v1/${rest}`,
    `/v1%2F${rest}`,
    `/V1/${rest}`,
    `${path}/`,
    `${path};x`,
    `/v1/${rest.replace(/\//g, '%2F')}`,
  ];
};

describe('every route, by path spelling and by bearer flood', () => {
  let db: TestDatabase;
  let connection: Connection;
  let app: FastifyInstance;
  let operations: Operation[];
  let tokens: Record<Caller, string>;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    tokens = await issueTokens(db.sql);
    // The app role's pool, counting every statement sent through it (the token lookups among them).
    const counted = new Proxy(db.appSql, {
      apply(target, thisArg, args: unknown[]) {
        statements += 1;
        return Reflect.apply(target, thisArg, args) as unknown;
      },
    });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection, namespace: 'default' });
    app = await buildApp({ sql: counted, temporal, taskQueue: uniqueTaskQueue('adversarial-paths') });
    operations = (await operationsOf(app)).filter((o) => o.key.includes(' /v1/') && o.expectation.who !== 'anyone');
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await db?.drop();
  });

  it('answers 401 to every encoded spelling of every route without a token, and as the plain path with one', async () => {
    const before = await databaseContent(db.sql);
    const wrong: string[] = [];
    for (const operation of operations) {
      const url = operation.expectation.url(UNSEEN_IDS);
      for (const spelling of routedSpellings(url)) {
        const bare = await attempt(app, operation, UNSEEN_IDS, { url: spelling, remoteAddress: '10.13.1.1' });
        if (bare.statusCode !== 401) wrong.push(`${operation.key} as ${spelling}: ${bare.statusCode}`);
        // A refused role is refused the same way however the path is spelled.
        const caller = CALLERS.find((c) => refusalFor(operation.expectation, c) === 403);
        if (!caller) continue;
        const token = tokens[caller];
        const plain = await attempt(app, operation, UNSEEN_IDS, { token });
        const encoded = await attempt(app, operation, UNSEEN_IDS, { token, url: spelling });
        if (encoded.statusCode !== plain.statusCode || plain.statusCode !== 403) {
          wrong.push(`${operation.key} by ${caller} as ${spelling}: ${encoded.statusCode}, plain ${plain.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });

  it('answers 401 to HEAD on every GET route without a token (Fastify answers HEAD from the GET handler)', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'GET')) {
      const url = operation.expectation.url(UNSEEN_IDS);
      for (const spelling of [url, ...routedSpellings(url)]) {
        const response = await app.inject({ method: 'HEAD', url: spelling, remoteAddress: '10.13.1.3' });
        if (response.statusCode !== 401) wrong.push(`HEAD ${spelling}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 or 404 to doubled slashes, dot segments and other strays without a token; stores nothing', async () => {
    const before = await databaseContent(db.sql);
    const wrong: string[] = [];
    for (const operation of operations) {
      for (const spelling of strayedSpellings(operation.expectation.url(UNSEEN_IDS))) {
        const response = await attempt(app, operation, UNSEEN_IDS, { url: spelling, remoteAddress: '10.13.1.2' });
        if (response.statusCode !== 401 && response.statusCode !== 404) {
          wrong.push(`${operation.key} as ${spelling}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });

  it('refuses a flood of made-up bearers from one address with 429 on every route, unheard once past the limit', async () => {
    const before = await databaseContent(db.sql);
    const remoteAddress = '10.13.2.1';
    const madeUp = (i: number) =>
      [`dbn_${randomBytes(24).toString('base64url')}`, `dbs_${randomBytes(32).toString('base64url')}`, 'x y'][i % 3]!;
    const answers = new Set<number>();
    const start = statements;
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) {
      const operation = operations[i % operations.length]!;
      answers.add((await attempt(app, operation, UNSEEN_IDS, { token: madeUp(i), remoteAddress })).statusCode);
    }
    expect([...answers]).toEqual([401]);
    // Each well-formed bearer cost one lookup (a token's or a session's); the malformed one none.
    expect(statements - start).toBe((FAILURES_PER_MINUTE * 2) / 3);

    const heard = statements;
    const past: Record<string, number[]> = {};
    for (const operation of operations) {
      past[operation.key] = [
        (await attempt(app, operation, UNSEEN_IDS, { token: madeUp(0), remoteAddress })).statusCode,
        (await attempt(app, operation, UNSEEN_IDS, { token: madeUp(1), remoteAddress })).statusCode,
        (await attempt(app, operation, UNSEEN_IDS, { remoteAddress })).statusCode,
        // Over its limit, the address is refused whatever it presents, a valid token too.
        (await attempt(app, operation, UNSEEN_IDS, { token: tokens.admin, remoteAddress })).statusCode,
      ];
    }
    expect(
      Object.values(past)
        .flat()
        .every((status) => status === 429),
      JSON.stringify(past),
    ).toBe(true);
    // Logging in from the address is refused as well, before any account is looked up.
    const login = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      remoteAddress,
      payload: { login: 'nobody.here', password: 'not a password 9' },
    });
    expect(login.statusCode).toBe(429);
    expect(statements).toBe(heard);
    expect(await databaseContent(db.sql)).toEqual(before);
    // Another address is not affected.
    const other = await app.inject({
      url: '/v1/units',
      remoteAddress: '10.13.2.2',
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(other.statusCode).toBe(200);
  });
});
