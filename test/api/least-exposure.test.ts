// Issue 13, "Least exposure": each caller reads only what its role needs (webhook targets, leaders'
// contacts, notices about cases it may not see), a case names only its caller's own visit, and a
// dispatch takes no field it would ignore. Every refusal stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotification, openDeliveries } from '../../shared/db/notification-store';
import { updateUnit } from '../../shared/db/units';
import type { Role } from '../../shared/domain/enums';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

const reported = {
  kind: 'suggestion',
  category: 'street-vending',
  title: '夜市占道经营影响通行',
  description: '兴泰街道夜市摊位占用人行道',
  locality: 'xingtai',
};

describe('least exposure', () => {
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  const count = async (table: string) =>
    (await system.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${system.db.sql(table)}`)[0]!.n;
  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    system.app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    system = await startSystem('exposure');
    const sql = system.db.sql;
    const as = async (name: string, role: Role, unitId: string | null = null) =>
      (tokens[name] = await tokenFor(sql, role, unitId));
    await as('admin', 'admin');
    await as('office', 'office');
    await as('leader', 'leader');
    await as('visitor', 'visitor');
    await as('otherVisitor', 'visitor');
    await as('officeUnit', 'unit', 'office');
    await as('leadershipUnit', 'unit', 'leadership');
    await as('lead', 'unit', 'city-management');
    await updateUnit(sql, 'city-management', {
      webhookUrl: 'http://10.1.2.3/hook',
      leaderName: '王局长',
      leaderContact: '0859-1234567',
    });
  });
  afterAll(async () => system?.stop());

  it('GET /v1/units shows webhook targets only to admins, leaders’ contacts to admins and the office', async () => {
    const seen = async (who: string) => {
      const listed = (await call(who, 'GET', '/v1/units')).json<{ items: Array<Record<string, unknown>> }>();
      const one = (await call(who, 'GET', '/v1/units/city-management')).json<Record<string, unknown>>();
      expect(listed.items.find((u) => u.id === 'city-management')).toEqual(one);
      return one;
    };
    expect(await seen('admin')).toMatchObject({ webhookUrl: 'http://10.1.2.3/hook', leaderContact: '0859-1234567' });
    const office = await seen('office');
    expect(office).toMatchObject({ leaderName: '王局长', leaderContact: '0859-1234567' });
    expect(office).not.toHaveProperty('webhookUrl');
    for (const who of ['leader', 'visitor', 'lead', 'officeUnit']) {
      const unit = await seen(who);
      expect(unit, who).toMatchObject({ id: 'city-management', name: '综合行政执法局', leaderName: '王局长' });
      expect(unit, who).not.toHaveProperty('webhookUrl');
      expect(unit, who).not.toHaveProperty('leaderContact');
    }
  });

  it('lists a notice about a case only to callers who may see that case', async () => {
    const created = await call('visitor', 'POST', '/v1/cases', reported);
    expect(created.statusCode).toBe(201);
    const caseId = created.json<{ id: string }>().id;
    const sql = system.db.sql;
    const recipients = ['office', 'leadership', 'city-management'];
    const notices = [
      { id: `${caseId}:escalated`, caseId, kind: 'escalation' as const, subject: '升级：夜市占道经营影响通行' },
      { id: 'bulletin-exposure', caseId: null, kind: 'bulletin' as const, subject: '第1期通报' },
    ];
    for (const n of notices) {
      await insertNotification(sql, {
        ...n,
        level: 2,
        recipientUnitIds: recipients,
        body: n.subject,
        at: '2026-04-10T08:00:00+08:00',
      });
      await openDeliveries(sql, n.id);
    }
    const subjects = async (who: string, unit?: string) => {
      const response = await call(who, 'GET', `/v1/notifications${unit ? `?unit=${unit}` : ''}`);
      expect(response.statusCode).toBe(200);
      return response
        .json<{ items: Array<{ subject: string }> }>()
        .items.map((i) => i.subject)
        .sort();
    };
    const both = ['升级：夜市占道经营影响通行', '第1期通报'];
    // The office and leadership units' tokens may not open the case, so they do not read its notice.
    for (const who of ['officeUnit', 'leadershipUnit']) {
      expect((await call(who, 'GET', `/v1/cases/${caseId}`)).statusCode).toBe(404);
      expect(await subjects(who), who).toEqual(['第1期通报']);
    }
    expect(await subjects('lead')).toEqual(both);
    expect(await subjects('office', 'office')).toEqual(both);
    expect(await subjects('leader', 'leadership')).toEqual(both);
  });

  it('POST /v1/dispatches refuses an unknown field with 400 and starts nothing; {} or no body dispatches', async () => {
    const refused = await call('office', 'POST', '/v1/dispatches', { unit: 'city-management' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await count('dispatch_batches')).toBe(0);
    const { client, taskQueue } = system.temporal;
    const started = `TaskQueue = '${taskQueue}' AND WorkflowType = 'dispatchBatchWorkflow'`;
    expect((await client.workflow.count(started)).count).toBe(0);
    const bare = await call('office', 'POST', '/v1/dispatches');
    expect(bare.statusCode, bare.body).toBe(201);
    expect((await call('office', 'POST', '/v1/dispatches', {})).statusCode).toBe(201);
    expect(await count('dispatch_batches')).toBe(2);
  });

  it("a case's visitId must be a visit the caller recorded: else 422 naming body.visitId, nothing stored", async () => {
    const campaign = await call('office', 'POST', '/v1/campaigns', {
      name: '大走访',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      targets: [{ targetType: 'household', count: 10 }],
    });
    expect(campaign.statusCode).toBe(201);
    const visit = await call('visitor', 'POST', '/v1/visits', {
      campaignId: campaign.json<{ id: string }>().id,
      targetType: 'household',
      targetName: '周先生家',
      locality: 'xingtai',
      visitedAt: '2026-04-10',
    });
    expect(visit.statusCode).toBe(201);
    const visitId = visit.json<{ id: string }>().id;
    const cases = await count('cases');
    for (const [who, id] of [
      ['otherVisitor', visitId],
      ['office', visitId],
      ['visitor', '5eb002fa-3b78-44b5-8fd2-a9beefee9396'],
    ] as const) {
      const refused = await call(who, 'POST', '/v1/cases', { ...reported, visitId: id });
      expect(refused.statusCode, who).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ errors: [{ path: 'body.visitId' }] });
    }
    expect(await count('cases')).toBe(cases);
    expect(await count('idempotency_keys')).toBe(0);
    const own = await call('visitor', 'POST', '/v1/cases', { ...reported, visitId });
    expect(own.statusCode).toBe(201);
    const [row] = await system.db
      .sql`SELECT visit_id::text AS "visitId" FROM cases WHERE id = ${own.json<{ id: string }>().id}`;
    expect(row).toEqual({ visitId });
  });
});
