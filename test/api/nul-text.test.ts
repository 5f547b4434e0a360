// PostgreSQL stores no U+0000 (NUL) in text or jsonb. Found by Schemathesis (a campaign named "\u0000"
// was a 500) and by the poison-text fault (a case title holding one started a workflow that failed on
// every retry): any string the API takes, in a body, a query or a path, is refused with a 400 that
// names it, before anything is stored or started. An imported file reports such a cell as a row error.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../shared/db/campaigns';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

const street = {
  kind: 'suggestion',
  category: 'street-vending',
  title: '夜市占道',
  description: '夜市摊位占用人行道',
  locality: 'xingtai',
};

describe('U+0000 in the text of a request', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.admin = await tokenFor(db.sql, 'admin');
    // No worker: a case that got as far as Temporal would hang, not pass.
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  const send = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });

  const expectRefused = (response: Awaited<ReturnType<typeof send>>, ...paths: string[]) => {
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 400,
      errors: paths.map((path) => ({ path, message: 'must not contain U+0000 (NUL)' })),
    });
  };

  it('in a case title or a reporter name: 400 naming the field, and no case, reporter or key is stored', async () => {
    expectRefused(await send('visitor', 'POST', '/v1/cases', { ...street, title: '夜市\u0000占道' }), 'body.title');
    const inReporter = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { ...bearer(tokens.visitor!), 'idempotency-key': 'nul-reporter' },
      payload: { ...street, reporter: { name: '李\u0000某' } },
    });
    expectRefused(inReporter, 'body.reporter.name');
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
    expectRefused(response, 'body.name');
    expect(await db.sql`SELECT 1 FROM campaigns`).toHaveLength(0);
  });

  it('anywhere else: deep in a body, in a key, in a query or a path id, the same 400 on every route', async () => {
    const rules = {
      rules: [
        { id: 'r-1', lead: 'business_owner' },
        { id: 'r\u00002', lead: 'locality' },
      ],
    };
    expectRefused(await send('admin', 'PUT', '/v1/routing-rules', rules), 'body.rules.1.id');
    expectRefused(
      await send('admin', 'POST', '/v1/units', { id: 'u', name: 'n', 'kind\u0000': 1 }),
      'body.kind\\u0000',
    );
    expectRefused(await send('office', 'GET', '/v1/cases?q=%E5%8D%A0%00'), 'querystring.q');
    expectRefused(await send('office', 'GET', '/v1/cases?category=a&category=b%00'), 'querystring.category.1');
    expectRefused(await send('office', 'GET', '/v1/cases/case-%00'), 'params.id');
    expectRefused(await send('office', 'GET', '/v1/ledger.csv?locality=x%00'), 'querystring.locality');
  });

  it('in a cell of an imported CSV: that row fails with a row error, the other rows are stored', async () => {
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const campaign = await createCampaign(
      db.sql,
      { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] },
      actor,
    );
    const csv =
      'targetType,targetName,locality,visitedAt,notes\r\n' +
      'school,兴义一中,xingtai,2026-03-02,\r\n' +
      'school,兴义\u0000二中,xing\u0000tai,2026-03-02,备\u0000注\r\n';
    const response = await app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaign.id}/visits/import`,
      headers: { ...bearer(tokens.office!), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      imported: 1,
      failed: 1,
      errors: [
        { row: 3, field: 'targetName', message: 'must not contain U+0000 (NUL)' },
        { row: 3, field: 'notes', message: 'must not contain U+0000 (NUL)' },
        { row: 3, field: 'locality', message: 'must not contain U+0000 (NUL)' },
      ],
    });
    expect(await db.sql`SELECT target_name FROM visits`).toEqual([{ target_name: '兴义一中' }]);
  });
});
