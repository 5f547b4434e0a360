// PostgreSQL stores no U+0000 (NUL) in text or jsonb, and no lone UTF-16 surrogate in jsonb. Found by
// Schemathesis (a campaign named "\u0000" was a 500), by the poison-text fault (a case title holding
// one started a workflow that failed on every retry) and by issue 12 (a title holding "\ud800" wedged
// its case the same way): any string the API takes, in a body, a key, a query, a path or a header, is
// refused with a 400 that names it, before anything is stored or started.
import { Client, Connection } from '@temporalio/client';
import Ajv2020 from 'ajv/dist/2020';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE, textFlaws } from '../../api/plugins/text-integrity';
import { createCampaign } from '../../shared/db/campaigns';
import type { Role } from '../../shared/domain/enums';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { uniqueTaskQueue } from '../support/temporal';
import { databaseContent, documentedText, stringLeaves, withValue, type Operations } from './text-probes';
import { textRoutes, type TextRoute } from './text-routes';

/** A high surrogate alone, a low one alone, a high one before a letter, a pair in the wrong order. */
const LONE = ['\ud800', 'a\udc00', '\ud800b', '\udc00\ud800'];

describe('text that PostgreSQL cannot store, in a request', () => {
  let db: TestDatabase;
  let connection: Connection;
  let client: Client;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let routes: TextRoute[];
  let paths: Operations;
  const taskQueue = uniqueTaskQueue('text-integrity');
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    for (const role of ['visitor', 'office', 'admin', 'leader'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.unit = await tokenFor(db.sql, 'unit', 'city-management');
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const campaign = { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] };
    routes = textRoutes((await createCampaign(db.sql, campaign, actor)).id);
    // A task queue of its own and no worker: a workflow this file let through would be counted, not run.
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection, namespace: 'default' });
    harness = await buildTestApp(db.sql, { temporal: { client, taskQueue } });
    app = harness.app;
    paths = (await app.inject({ url: '/openapi.json' })).json<{ paths: Operations }>().paths;
  });

  afterAll(async () => {
    await harness?.close();
    await connection?.close();
    await db?.drop();
  });

  const send = (who: Role, method: TextRoute['method'] | 'GET', url: string, payload?: object, headers = {}) =>
    app.inject({ method, url, headers: { ...bearer(tokens[who]!), ...headers }, ...(payload ? { payload } : {}) });

  const expectRefused = (response: Awaited<ReturnType<typeof send>>, message: string, ...paths: string[]) => {
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, errors: paths.map((path) => ({ path, message })) });
  };

  it('the table of routes holds every JSON route and every text field /openapi.json documents, in valid bodies', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema || !['post', 'put', 'patch'].includes(method)) continue;
        const tabled = routes.filter((route) => route.path === path && route.method.toLowerCase() === method);
        const filled = new Set(tabled.flatMap((route) => stringLeaves(route.body)));
        missing.push(
          ...(tabled.length === 0 ? [`${method} ${path}`] : []),
          ...documentedText(schema)
            .filter((field) => !filled.has(field))
            .map((field) => `${method} ${path} ${field}`),
          ...tabled.filter((route) => !ajv.validate(schema, route.body)).map(() => `${method} ${path}: invalid body`),
        );
      }
    }
    expect(missing).toEqual([]);
  });

  it('a lone surrogate in any string or key of any JSON route: 400 naming it, nothing stored, no workflow', async () => {
    const before = await databaseContent(db.sql);
    const wrong: string[] = [];
    let sent = 0;
    // Only what the API documents: a route the table knows ahead of its commit would only answer 404.
    for (const route of routes.filter(({ path, method }) => paths[path]?.[method.toLowerCase()])) {
      const poisoned = [
        ...stringLeaves(route.body).map((leaf) => ({ leaf, body: withValue(route.body, leaf, LONE[sent++ % 4]!) })),
        { leaf: 'k\\udc00', body: { ...route.body, 'k\udc00': 1 } },
      ];
      for (const { leaf, body } of poisoned) {
        const response = await send(route.who, route.method, route.url, body);
        const errors = response.statusCode === 400 ? response.json<{ errors?: unknown[] }>().errors : undefined;
        const named = errors?.some(
          (e) => JSON.stringify(e) === JSON.stringify({ path: `body.${leaf}`, message: LONE_SURROGATE_MESSAGE }),
        );
        if (!named) wrong.push(`${route.method} ${route.url} ${leaf}: ${response.statusCode} ${response.body}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(60);
    expect(await databaseContent(db.sql)).toEqual(before);
    expect((await client.workflow.count(`TaskQueue = '${taskQueue}'`)).count).toBe(0);
  });

  it('U+0000 and a lone surrogate in one string: both named; in a header the routes read: refused too', async () => {
    const both = await send('visitor', 'POST', '/v1/cases', { ...routes[0]!.body, title: '夜\u0000市\ud800' });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({
      detail: 'text must be well-formed Unicode and must not contain the character U+0000 (NUL)',
      errors: [
        { path: 'body.title', message: NUL_MESSAGE },
        { path: 'body.title', message: LONE_SURROGATE_MESSAGE },
      ],
    });
    const keyed = await send('visitor', 'POST', '/v1/cases', routes[0]!.body, { 'idempotency-key': 'k-\udbff' });
    expectRefused(keyed, LONE_SURROGATE_MESSAGE, 'headers.idempotency-key');
    expect(await db.sql`SELECT 1 FROM idempotency_keys`).toHaveLength(0);
  });

  it('U+0000 in a case title or a reporter name: 400 naming the field, and no case, reporter or key is stored', async () => {
    const [report] = routes;
    expectRefused(
      await send('visitor', 'POST', '/v1/cases', { ...report!.body, title: '夜市\u0000占道' }),
      NUL_MESSAGE,
      'body.title',
    );
    const inReporter = await send(
      'visitor',
      'POST',
      '/v1/cases',
      { ...report!.body, reporter: { name: '李\u0000某' } },
      {
        'idempotency-key': 'nul-reporter',
      },
    );
    expectRefused(inReporter, NUL_MESSAGE, 'body.reporter.name');
    expect(await db.sql`SELECT 1 FROM cases`).toHaveLength(0);
    expect(await db.sql`SELECT 1 FROM reporters`).toHaveLength(0);
    expect(await db.sql`SELECT 1 FROM idempotency_keys`).toHaveLength(0);
  });

  it('the campaign Schemathesis sent (ST101, a 500 before) is a 400, and no campaign is stored', async () => {
    const response = await send('office', 'POST', '/v1/campaigns', {
      name: '\u0000',
      targets: [{ count: 7350, targetType: 'household', unitId: 'city-management' }],
      endsOn: '2082-01-23',
      startsOn: '1969-11-25',
    });
    expectRefused(response, NUL_MESSAGE, 'body.name');
    expect(await db.sql`SELECT 1 FROM campaigns WHERE name = '大走访'`).toHaveLength(1);
    expect(await db.sql`SELECT 1 FROM campaigns`).toHaveLength(1);
  });

  it('U+0000 anywhere else: deep in a body, in a key, in a query or a path id, the same 400 on every route', async () => {
    const rules = {
      rules: [
        { id: 'r-1', lead: 'business_owner' },
        { id: 'r\u00002', lead: 'locality' },
      ],
    };
    expectRefused(await send('admin', 'PUT', '/v1/routing-rules', rules), NUL_MESSAGE, 'body.rules.1.id');
    const unit = { id: 'u', name: 'n', 'kind\u0000': 1 };
    expectRefused(await send('admin', 'POST', '/v1/units', unit), NUL_MESSAGE, 'body.kind\\u0000');
    expectRefused(await send('office', 'GET', '/v1/cases?q=%E5%8D%A0%00'), NUL_MESSAGE, 'querystring.q');
    expectRefused(
      await send('office', 'GET', '/v1/cases?category=a&category=b%00'),
      NUL_MESSAGE,
      'querystring.category.1',
    );
    expectRefused(await send('office', 'GET', '/v1/cases/case-%00'), NUL_MESSAGE, 'params.id');
    expectRefused(await send('office', 'GET', '/v1/ledger.csv?locality=x%00'), NUL_MESSAGE, 'querystring.locality');
  });

  it('a URL cannot carry a lone surrogate: invalid UTF-8 in a path is a 400, in a query it stays undecoded', async () => {
    const inPath = await send('office', 'GET', '/v1/cases/case-%ED%A0%80');
    expect(inPath.statusCode).toBe(400);
    expect(inPath.headers['content-type']).toContain('application/problem+json');
    const inQuery = await send('office', 'GET', '/v1/cases?q=%ED%A0%80');
    expect(inQuery.statusCode).toBe(200);
  });

  it('a query or path is checked like a body, though no URL can carry a lone surrogate (the check relies on none)', () => {
    const query = Object.assign(Object.create(null) as object, { q: '中文', category: ['a', 'b\ud800'] });
    expect(textFlaws(query, 'querystring')).toEqual([
      { path: 'querystring.category.1', message: LONE_SURROGATE_MESSAGE },
    ]);
    expect(textFlaws({ title: 'a pair is a character: \ud83d\ude00' }, 'body')).toEqual([]);
  });
});
