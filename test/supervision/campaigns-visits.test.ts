// Campaigns and visits through HTTP: targets and progress per target type and unit, a visit whose
// cases start their workflows, and a visit refused whole when one of its cases is bad.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import { startedCaseRun } from '../support/case-runs';

describe('campaigns, visits and progress', () => {
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  let campaignId = '';

  beforeAll(async () => {
    system = await startSystem('campaigns');
    tokens.office = await tokenFor(system.db.sql, 'office');
    // A visitor's visits count for the unit its token carries (api/services/visit-intake.ts).
    tokens.visitor = await tokenFor(system.db.sql, 'visitor', 'xingtai-street');
    tokens.qisheVisitor = await tokenFor(system.db.sql, 'visitor', 'qishe-town');
    tokens.leader = await tokenFor(system.db.sql, 'leader');
    tokens.qishe = await tokenFor(system.db.sql, 'unit', 'qishe-town');
  });
  afterAll(async () => system?.stop());

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object, headers: object = {}) =>
    system.app.inject({
      method,
      url,
      headers: { ...bearer(tokens[who]!), ...headers },
      ...(payload ? { payload } : {}),
    });
  const visit = (overrides: object = {}) => ({
    campaignId,
    targetType: 'household',
    targetName: '周先生家',
    locality: 'xingtai',
    unitId: 'xingtai-street',
    visitedAt: '2026-04-10',
    ...overrides,
  });
  const count = async (table: 'visits' | 'cases') =>
    (await system.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${system.db.sql(table)}`)[0]!.n;

  it('only the office creates a campaign; targets name existing units, one per unit and type', async () => {
    const body = {
      name: '2022年大走访',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      targets: [
        { targetType: 'household', count: 25_574 },
        { targetType: 'village', count: 135 },
        { unitId: 'xingtai-street', targetType: 'household', count: 4 },
        { unitId: 'qishe-town', targetType: 'household', count: 2 },
        { unitId: 'qishe-town', targetType: 'village', count: 1 },
      ],
    };
    expect((await call('visitor', 'POST', '/v1/campaigns', body)).statusCode).toBe(403);
    const unknown = await call('office', 'POST', '/v1/campaigns', {
      ...body,
      targets: [{ unitId: 'nowhere', targetType: 'school', count: 1 }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ errors: [{ path: 'body.targets.0.unitId' }] });
    const twice = await call('office', 'POST', '/v1/campaigns', {
      ...body,
      targets: [body.targets[0], body.targets[0]],
    });
    expect(twice.statusCode).toBe(400);

    const created = await call('office', 'POST', '/v1/campaigns', body);
    expect(created.statusCode).toBe(201);
    campaignId = created.json<{ id: string }>().id;
    expect(created.json()).toMatchObject({ name: '2022年大走访', startsOn: '2026-03-01', endsOn: '2026-04-30' });
    const listed = await call('qishe', 'GET', '/v1/campaigns');
    expect(listed.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id)).toEqual([campaignId]);
  });

  it('a visit with cases starts each case workflow through reportCase, the cases carrying the visit id', async () => {
    const response = await call(
      'visitor',
      'POST',
      '/v1/visits',
      visit({
        cases: [
          {
            kind: 'suggestion',
            category: 'street-vending',
            title: '店外占道促销手续难办',
            description: '希望对店面宣传方面可以适当放宽',
            locality: 'xingtai',
            reporter: { name: '周先生' },
          },
          {
            kind: 'conflict_risk',
            category: 'neighbour-dispute',
            title: '修屋基挖毁上山便道',
            description: '新留通道坡度过陡',
            locality: 'qishe-magenao',
            resolvedOnSpot: { measures: '依据民法典引导夏某某铺设砂石' },
          },
        ],
      }),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json<{
      id: string;
      unitId: string;
      visitedOn: string;
      cases: Array<{ id: string; status: string }>;
    }>();
    expect(body).toMatchObject({ unitId: 'xingtai-street', visitedOn: '2026-04-10' });
    expect(body.cases.map((c) => c.status)).toEqual(['queued', 'closed']);
    const rows = await system.db.sql<{ id: string; visitId: string }[]>`
      SELECT id, visit_id::text AS "visitId" FROM cases ORDER BY reported_at`;
    expect(rows).toEqual(body.cases.map((c) => ({ id: c.id, visitId: body.id })));
    for (const c of body.cases) {
      const described = await startedCaseRun(system.temporal.client, c.id);
      expect(described.status.name).toBe('RUNNING'); // the on-the-spot case waits out its reopen window
    }
    const reported = await call('office', 'GET', `/v1/cases/${body.cases[0]!.id}/events`);
    expect(reported.json<{ items: Array<{ type: string; data: { visitId?: string } }> }>().items[0]).toMatchObject({
      type: 'reported',
      data: { visitId: body.id },
    });
  });

  it('a visit with one bad case body stores nothing: no visit, no case, errors name cases.N.field', async () => {
    const visitsBefore = await count('visits');
    const casesBefore = await count('cases');
    const good = {
      kind: 'hardship',
      category: 'unowned',
      title: '独居老人取暖困难',
      description: '需要帮扶',
      locality: 'qishe',
    };
    const invalid = await call('visitor', 'POST', '/v1/visits', visit({ cases: [good, { ...good, title: ' ' }] }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual([
      'body.cases.1.title',
    ]);

    const unknown = await call(
      'visitor',
      'POST',
      '/v1/visits',
      visit({ cases: [good, good, { ...good, category: 'no-such-category', locality: 'atlantis' }] }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual([
      'body.cases.2.category',
      'body.cases.2.locality',
    ]);
    const outside = await call('visitor', 'POST', '/v1/visits', visit({ visitedAt: '2026-05-01', cases: [good] }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ errors: [{ path: 'body.visitedAt' }] });

    expect(await count('visits')).toBe(visitsBefore);
    expect(await count('cases')).toBe(casesBefore);
  });

  it('the same Idempotency-Key and body answer the same visit and start no case twice; another body is 409', async () => {
    const casesBefore = await count('cases');
    const body = visit({
      targetName: '马革闹村肖家寨组',
      targetType: 'village',
      locality: 'qishe-magenao',
      unitId: 'qishe-town',
      cases: [
        {
          kind: 'problem_clue',
          category: 'unowned',
          title: '路灯不亮',
          description: '村口路灯坏了',
          locality: 'qishe',
        },
      ],
    });
    const key = { 'idempotency-key': 'visit-xiaojiazhai-1' };
    const first = await call('qisheVisitor', 'POST', '/v1/visits', body, key);
    const again = await call('qisheVisitor', 'POST', '/v1/visits', body, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
    expect(await count('cases')).toBe(casesBefore + 1);
    const other = await call('qisheVisitor', 'POST', '/v1/visits', { ...body, targetName: '别的组' }, key);
    expect(other.statusCode).toBe(409);
  });

  it('progress counts visits per target type against the targets, overall and per unit; a unit sees only its own row', async () => {
    await call(
      'office',
      'POST',
      '/v1/visits',
      visit({ targetName: '曾某某家', visitedAt: '2026-04-11T10:00:00+08:00' }),
    );
    await call(
      'office',
      'POST',
      '/v1/visits',
      visit({ targetName: '无单位记录', unitId: undefined, targetType: 'school' }),
    );
    // Recorded so far: xingtai-street 2 households; qishe-town 1 village; 1 school with no unit.
    const progress = await call('leader', 'GET', `/v1/campaigns/${campaignId}/progress`);
    expect(progress.statusCode).toBe(200);
    const p = progress.json<{
      overall: { visited: number; byType: unknown[] };
      units: Array<{ unitId: string; visited: number; byType: unknown[] }>;
    }>();
    expect(p.overall.visited).toBe(4);
    expect(p.overall.byType).toEqual([
      { targetType: 'household', target: 25_574, visited: 2, percent: 0 },
      { targetType: 'village', target: 135, visited: 1, percent: 0.7 },
      { targetType: 'community', target: null, visited: 0, percent: null },
      { targetType: 'enterprise', target: null, visited: 0, percent: null },
      { targetType: 'school', target: null, visited: 1, percent: null },
    ]);
    expect(p.units.map((u) => [u.unitId, u.visited])).toEqual([
      ['qishe-town', 1],
      ['xingtai-street', 2],
    ]);
    expect(p.units[1]!.byType[0]).toEqual({ targetType: 'household', target: 4, visited: 2, percent: 50 });
    expect(p.units[0]!.byType.slice(0, 2)).toEqual([
      { targetType: 'household', target: 2, visited: 0, percent: 0 },
      { targetType: 'village', target: 1, visited: 1, percent: 100 },
    ]);

    const asUnit = await call('qishe', 'GET', `/v1/campaigns/${campaignId}/progress`);
    expect(asUnit.json<{ units: Array<{ unitId: string }> }>().units.map((u) => u.unitId)).toEqual(['qishe-town']);
    expect(asUnit.json<{ overall: { visited: number } }>().overall.visited).toBe(4);
    const missing = await call('qishe', 'GET', '/v1/campaigns/00000000-0000-4000-8000-000000000000/progress');
    expect(missing.statusCode).toBe(404);
  });

  it('a unit may not record visits (403)', async () => {
    expect((await call('qishe', 'POST', '/v1/visits', visit())).statusCode).toBe(403);
  });
});
