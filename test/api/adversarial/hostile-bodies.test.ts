// Issue 13, "Done when": every route of /openapi.json that takes a body, sent by a caller it lets in a
// body it must refuse: too large (413), not JSON or cut short (400), of another media type (415), with
// a field the schema does not name, prototype keys, nesting, strings too long or holding U+0000 or a
// lone surrogate (400). Nothing is stored. test/api/text-integrity.test.ts poisons every text field,
// query and header one by one; here each route gets the whole hostile set once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../../support/api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { bearer, seedSmallCity } from '../../support/fixtures';
import { personWith, sessionOf } from '../../accounts/people';
import { databaseContent, stringLeaves, withValue } from '../text-probes';
import { CALLERS, UNSEEN_IDS, issueTokens, operationsOf, refusalFor, type Caller, type Operation } from './adversary';

/** api/app.ts bodyLimit. */
const BODY_LIMIT = 256 * 1024;

interface Probe {
  name: string;
  status: number;
  payload: string;
  contentType?: string;
}

/** The hostile variants of a body the route would take. */
function probesOf(body: Record<string, unknown>): Probe[] {
  const json = JSON.stringify(body);
  const inner = json.slice(1, -1);
  const joined = (extra: string) => `{${inner}${inner ? ',' : ''}${extra}}`;
  const probes: Probe[] = [
    { name: 'oversize', status: 413, payload: joined(`"padding":"${'x'.repeat(BODY_LIMIT)}"`) },
    { name: 'malformed', status: 400, payload: '{"a":' },
    { name: 'cut short', status: 400, payload: json.slice(0, -1) },
    { name: 'unknown field', status: 400, payload: joined('"unexpected":true') },
    { name: '__proto__', status: 400, payload: joined('"__proto__":{"role":"admin"}') },
    { name: 'constructor', status: 400, payload: joined('"constructor":{"prototype":{"role":"admin"}}') },
    { name: 'an array', status: 400, payload: `[${json}]` },
    { name: 'deep nesting', status: 400, payload: `${'['.repeat(60_000)}${']'.repeat(60_000)}` },
    ...['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'].map(
      (contentType) => ({ name: contentType, status: 415, payload: json, contentType }),
    ),
    // Fastify reads text/plain as a string, which no body schema takes: refused all the same (400).
    { name: 'text/plain', status: 400, payload: json, contentType: 'text/plain' },
  ];
  for (const leaf of stringLeaves(body)) {
    const original = leaf.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], body) as string;
    for (const [name, value] of [
      ['over-long', 'x'.repeat(20_000)],
      ['U+0000', `${original}\u0000`],
      ['lone surrogate', `${original}\ud800`],
    ] as const) {
      probes.push({ name: `${name} ${leaf}`, status: 400, payload: JSON.stringify(withValue(body, leaf, value)) });
    }
  }
  return probes;
}

describe('every route that takes a body, sent a hostile one', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let operations: Operation[];
  let tokens: Record<Caller, string>;
  let session = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    tokens = await issueTokens(db.sql);
    // No worker: a request that got through would leave its row (and a workflow nobody runs) behind.
    harness = await buildTestApp(db.sql);
    app = harness.app;
    operations = await operationsOf(app);
    await personWith(db.sql, 'wang.fang', 'office');
    session = await sessionOf(app, 'wang.fang');
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  /** A caller the route lets in, so that only the body decides; none for the open routes. */
  const insider = ({ expectation }: Operation) => {
    if (expectation.who === 'session') return bearer(session);
    const caller = CALLERS.find((c) => refusalFor(expectation, c) === null);
    return caller && expectation.who !== 'anyone' ? bearer(tokens[caller]) : {};
  };

  it('refuses each hostile body with its status and stores nothing', async () => {
    const wrong: string[] = [];
    const changed: string[] = [];
    for (const operation of operations) {
      const { body, url } = operation.expectation;
      if (!body) continue;
      const before = await databaseContent(db.sql);
      for (const probe of probesOf(body(UNSEEN_IDS))) {
        const response = await app.inject({
          method: operation.method as 'POST',
          url: url(UNSEEN_IDS),
          headers: { ...insider(operation), 'content-type': probe.contentType ?? 'application/json' },
          payload: probe.payload,
        });
        if (
          response.statusCode !== probe.status ||
          !String(response.headers['content-type']).includes('problem+json')
        ) {
          wrong.push(`${operation.key} ${probe.name}: ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
      if (JSON.stringify(await databaseContent(db.sql)) !== JSON.stringify(before)) changed.push(operation.key);
    }
    expect(wrong).toEqual([]);
    expect(changed, 'refused, yet something was stored').toEqual([]);
  });

  it('answers a forged cursor with 400 or a page, never a 5xx; a limit out of range with 400; storing nothing', async () => {
    const before = await databaseContent(db.sql);
    // Cursors are opaque: one that decodes to a key of the right shape is a position like any other
    // (200); anything else is a 400. Here, junk text, numbers past bigint, tuples of the wrong length.
    const forged = [
      ["' OR 1=1 --"],
      ["' OR 1=1 --", '9999-12-31'],
      ['a', 'b', 'c'],
      ['9999999999999999999'],
      [-1],
      [1e308],
    ];
    const cursors = forged.map((cursor) => `cursor=${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`);
    const shown = (query: string) =>
      query.startsWith('cursor=') ? Buffer.from(query.slice(7), 'base64url').toString() : query;
    const wrong: string[] = [];
    const lists = operations.filter((o) => o.method === 'GET' && o.query.includes('cursor'));
    expect(lists.map((o) => o.key)).toContain('GET /v1/cases');
    for (const operation of lists) {
      const url = operation.expectation.url(UNSEEN_IDS);
      const as = (query: string) =>
        app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}${query}`, headers: insider(operation) });
      for (const query of ['cursor=garbage', ...cursors]) {
        const response = await as(query);
        if (response.statusCode !== 400 && response.statusCode !== 200) {
          wrong.push(`${operation.key} with the cursor ${shown(query)}: ${response.statusCode} ${response.body}`);
        }
      }
      for (const query of ['limit=0', 'limit=201', 'limit=-1', 'limit=abc']) {
        const response = await as(query);
        if (response.statusCode !== 400) wrong.push(`${operation.key} ?${query}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });

  it('refuses a body sent to a route that takes none (unknown fields are a 400, not ignored), storing nothing', async () => {
    const wrong: string[] = [];
    const before = await databaseContent(db.sql);
    for (const operation of operations) {
      const { body, upload, url } = operation.expectation;
      if (body || upload || operation.method === 'GET') continue;
      const response = await app.inject({
        method: operation.method as 'POST',
        url: url(UNSEEN_IDS),
        headers: insider(operation),
        payload: { unexpected: true },
      });
      if (response.statusCode !== 400)
        wrong.push(`${operation.key}: ${response.statusCode} ${response.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });
});
