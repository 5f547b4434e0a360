// The unit a visit counts for comes from the visitor's token or account, never from the body: a
// visitor naming another unit is refused and nothing is stored (api/services/visit-intake.ts), so no
// team can inflate another's progress. The office still records visits for any unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../support/fixtures';
import { startLimitsApp, type LimitsApp } from './limits-app';

describe("a visit's unit", () => {
  let h: LimitsApp;
  const tokens: Record<string, string> = {};
  let campaignId = '';
  const call = (who: string, url: string, payload: object) =>
    h.app.inject({ method: 'POST', url, headers: bearer(tokens[who]!), payload });
  const visit = (overrides: object = {}) => ({
    campaignId,
    targetType: 'household',
    targetName: '周先生家',
    locality: 'xingtai',
    visitedAt: '2026-04-10',
    ...overrides,
  });
  const visits = async () => (await h.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM visits`)[0]!.n;

  beforeAll(async () => {
    h = await startLimitsApp();
    tokens.office = await tokenFor(h.db.sql, 'office');
    tokens.xingtai = await tokenFor(h.db.sql, 'visitor', 'xingtai-street');
    tokens.unitless = await tokenFor(h.db.sql, 'visitor');
    const campaign = await call('office', '/v1/campaigns', {
      name: '大走访',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      targets: [{ targetType: 'household', count: 10 }],
    });
    campaignId = campaign.json<{ id: string }>().id;
  });
  afterAll(async () => h?.stop());

  it("is the visitor's own unit; the body may repeat it, not name another (422 naming body.unitId, nothing stored)", async () => {
    const own = await call('xingtai', '/v1/visits', visit());
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ unitId: 'xingtai-street' });
    const repeated = await call('xingtai', '/v1/visits', visit({ unitId: 'xingtai-street' }));
    expect(repeated.json()).toMatchObject({ unitId: 'xingtai-street' });

    const before = await visits();
    for (const who of ['xingtai', 'unitless']) {
      const refused = await call(who, '/v1/visits', visit({ unitId: 'qishe-town' }));
      expect(refused.statusCode, who).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ errors: [{ path: 'body.unitId' }] });
    }
    expect(await visits()).toBe(before);
  });

  it('a visitor without a unit records visits of no unit; the office names any unit', async () => {
    expect((await call('unitless', '/v1/visits', visit())).json()).toMatchObject({ unitId: null });
    expect((await call('office', '/v1/visits', visit({ unitId: 'qishe-town' }))).json()).toMatchObject({
      unitId: 'qishe-town',
    });
  });
});
