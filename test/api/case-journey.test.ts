// Issue 5: a full case driven only through HTTP, from report to closed, with each action answering
// the case as it is after the action; and scope on every id-taking route (a unit never learns that
// another unit's case exists).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

describe('a case from report to closed, only through HTTP', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem('journey');
    ({ db, app } = system);
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.leader = await tokenFor(db.sql, 'leader');
    tokens.lead = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
    tokens.stranger = await tokenFor(db.sql, 'unit', 'justice-bureau');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });

  let caseId = '';

  it('reports, dispatches in a numbered batch, and the lead signs for it', async () => {
    const created = await call('visitor', 'POST', '/v1/cases', {
      kind: 'suggestion',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望对店面宣传方面可以适当放宽',
      locality: 'xingtai',
      reporter: { name: '周先生', phone: '13800001234' },
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json<{ id: string }>().id;
    expect(created.json()).toMatchObject({ status: 'queued' });

    const batch = await call('office', 'POST', '/v1/dispatches');
    expect(batch.statusCode).toBe(201);
    expect(batch.json<{ cases: Array<{ caseId: string }> }>().cases).toEqual([{ caseId, lead: 'city-management' }]);
    const list = await call('leader', 'GET', `/v1/dispatches/${batch.json<{ id: string }>().id}`);
    expect(list.json()).toMatchObject({ units: [{ unitId: 'city-management', unitName: '综合行政执法局' }] });

    const accepted = await call('lead', 'POST', `/v1/cases/${caseId}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: caseId, status: 'in_progress', lead: 'city-management' });
    expect(accepted.json<{ deadline: string | null }>().deadline).not.toBeNull();
  });

  it('answers 409 with the current status for an action the state does not allow, and changes nothing', async () => {
    const before = await call('office', 'GET', `/v1/cases/${caseId}/events`);
    const again = await call('lead', 'POST', `/v1/cases/${caseId}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, caseStatus: 'in_progress', code: 'INVALID_STATE' });
    const after = await call('office', 'GET', `/v1/cases/${caseId}/events`);
    expect(after.json<{ items: unknown[] }>().items).toHaveLength(before.json<{ items: unknown[] }>().items.length);
  });

  it('takes the lead’s weekly report and a co-handler’s contribution, each visible at once', async () => {
    const report = await call('lead', 'POST', `/v1/cases/${caseId}/reports`, {
      progress: '已联系反映人核实情况',
      percentDone: 40,
    });
    expect(report.statusCode).toBe(200);
    const contribution = await call('coHandler', 'POST', `/v1/cases/${caseId}/reports`, {
      progress: '街道配合解释政策',
    });
    expect(contribution.statusCode).toBe(200);
    const types = (await call('office', 'GET', `/v1/cases/${caseId}/events`))
      .json<{ items: Array<{ type: string }> }>()
      .items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['report_submitted', 'contribution_added']));
  });

  it('refuses a co-handler resolving (403) and a leader acting at all (403)', async () => {
    expect(
      (await call('coHandler', 'POST', `/v1/cases/${caseId}/resolve`, { measures: 'x', outcome: 'y' })).statusCode,
    ).toBe(403);
    expect((await call('leader', 'POST', `/v1/cases/${caseId}/accept`, {})).statusCode).toBe(403);
  });

  it('extension: the lead asks, the office decides, the deadline moves', async () => {
    const current = (await call('office', 'GET', `/v1/cases/${caseId}`)).json<{ deadline: string }>();
    const until = new Date(new Date(current.deadline).getTime() + 7 * 86_400_000).toISOString();
    const requested = await call('lead', 'POST', `/v1/cases/${caseId}/extension-requests`, {
      until,
      reason: '需协调多部门',
    });
    expect(requested.statusCode).toBe(200);
    const { requestId } = requested.json<{ requestId: string }>();
    const decided = await call('office', 'POST', `/v1/cases/${caseId}/extension-requests/${requestId}/decision`, {
      approve: true,
    });
    expect(decided.statusCode).toBe(200);
    expect(new Date(decided.json<{ deadline: string }>().deadline).getTime()).toBe(new Date(until).getTime());
    const unknown = await call('office', 'POST', `/v1/cases/${caseId}/extension-requests/nope/decision`, {
      approve: true,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('resolves, the visitor follows up satisfied, and the case closes as resolved with a valid audit chain', async () => {
    const resolved = await call('lead', 'POST', `/v1/cases/${caseId}/resolve`, {
      measures: '详细解释临街门店占道审批手续',
      outcome: '反映人表示满意',
    });
    expect(resolved.json()).toMatchObject({ status: 'verifying' });
    const followUp = await call('visitor', 'POST', `/v1/cases/${caseId}/follow-up`, { satisfied: true });
    expect(followUp.statusCode).toBe(200);
    expect(followUp.json()).toMatchObject({ status: 'closed', closeReason: 'resolved' });
    const verify = await call('office', 'GET', `/v1/cases/${caseId}/events/verify`);
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('a unit outside the case gets 404 on every route that takes its id, as for a case that does not exist', async () => {
    const routes: Array<['GET' | 'POST', string, object?]> = [
      ['GET', `/v1/cases/${caseId}`],
      ['GET', `/v1/cases/${caseId}/events`],
      ['POST', `/v1/cases/${caseId}/accept`, {}],
      ['POST', `/v1/cases/${caseId}/return`, { reason: 'x' }],
      ['POST', `/v1/cases/${caseId}/reports`, { progress: 'x' }],
      ['POST', `/v1/cases/${caseId}/extension-requests`, { until: new Date().toISOString(), reason: 'x' }],
      ['POST', `/v1/cases/${caseId}/resolve`, { measures: 'x', outcome: 'y' }],
    ];
    for (const [method, url, payload] of routes) {
      const response = await call('stranger', method, url, payload);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      const missing = await call(
        'stranger',
        method,
        url.replace(caseId, 'case-00000000-0000-4000-8000-000000000000'),
        payload,
      );
      expect(missing.json<{ detail: string }>().detail).toBe(response.json<{ detail: string }>().detail);
    }
  });
});
