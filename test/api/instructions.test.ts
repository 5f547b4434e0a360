// 领导批示 through HTTP (docs/api.md v1.1): a leader's instruction is an event in the case's timeline, an
// item in the lead unit's inbox until the unit acknowledges it, and only a leader gives one and only
// the lead acknowledges it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

interface Allowed {
  action: string;
  path: string;
}

describe('leaders’ instructions over HTTP', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let caseId = '';

  beforeAll(async () => {
    system = await startSystem('instructions');
    ({ db, app } = system);
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.leader = await tokenFor(db.sql, 'leader');
    tokens.lead = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
    const created = await call('visitor', 'POST', '/v1/cases', {
      kind: 'suggestion',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望对店面宣传方面可以适当放宽',
      locality: 'xingtai',
      reporter: { name: '周先生', phone: '13800001234' },
    });
    caseId = created.json<{ id: string }>().id;
    expect((await call('office', 'POST', '/v1/dispatches')).statusCode).toBe(201);
    expect((await call('lead', 'POST', `/v1/cases/${caseId}/accept`, {})).statusCode).toBe(200);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });

  const instructionItems = async () =>
    (await call('lead', 'GET', '/v1/inbox?kind=instruction')).json<{ items: Array<{ caseId: string; why: string }> }>()
      .items;

  it('takes an instruction from a leader only', async () => {
    for (const who of ['office', 'lead', 'visitor']) {
      const refused = await call(who, 'POST', `/v1/cases/${caseId}/instructions`, { text: '抓紧办理' });
      expect(refused.statusCode, who).toBe(403);
    }
    const current = (await call('leader', 'GET', `/v1/cases/${caseId}`)).json<{ deadline: string }>().deadline;
    const tighter = new Date(Date.parse(current) - 86_400_000).toISOString();
    const given = await call('leader', 'POST', `/v1/cases/${caseId}/instructions`, {
      text: '提前办结，及时报告',
      deadline: tighter,
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json<{ deadline: string }>().deadline).toBe(tighter);
    const looser = await call('leader', 'POST', `/v1/cases/${caseId}/instructions`, {
      text: '放宽',
      deadline: new Date(Date.parse(tighter) + 2 * 86_400_000).toISOString(),
    });
    expect(looser.statusCode).toBe(422);
  });

  it('shows the instruction in the timeline and in the lead’s inbox, with the ack it offers', async () => {
    const events = (await call('office', 'GET', `/v1/cases/${caseId}/events`)).json<{
      items: Array<{ type: string; data: { text?: string } }>;
    }>().items;
    expect(events.find((event) => event.type === 'instruction_given')?.data.text).toBe('提前办结，及时报告');
    const items = await instructionItems();
    expect(items.map((item) => item.caseId)).toEqual([caseId]);
    expect(items[0]?.why).toContain('提前办结，及时报告');
    const leadView = (await call('lead', 'GET', `/v1/cases/${caseId}`)).json<{ allowedActions: Allowed[] }>();
    expect(leadView.allowedActions.filter((a) => a.action === 'acknowledgeInstruction')).toHaveLength(1);
    const coView = (await call('coHandler', 'GET', `/v1/cases/${caseId}`)).json<{ allowedActions: Allowed[] }>();
    expect(coView.allowedActions.some((a) => a.action === 'acknowledgeInstruction')).toBe(false);
  });

  it('is acknowledged by the lead alone, once, and then leaves the inbox', async () => {
    const view = (await call('lead', 'GET', `/v1/cases/${caseId}`)).json<{ allowedActions: Allowed[] }>();
    const ack = view.allowedActions.find((a) => a.action === 'acknowledgeInstruction')!.path;
    expect((await call('coHandler', 'POST', ack, {})).statusCode).toBe(403);
    expect((await call('leader', 'POST', ack, {})).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/v1/cases/${caseId}/instructions/no-such/ack`, {})).statusCode).toBe(404);
    const done = await call('lead', 'POST', ack);
    expect(done.statusCode, done.body).toBe(200);
    expect(
      done.json<{ allowedActions: Allowed[] }>().allowedActions.some((a) => a.action === 'acknowledgeInstruction'),
    ).toBe(false);
    expect((await call('lead', 'POST', ack, {})).statusCode).toBe(409);
    expect(await instructionItems()).toEqual([]);
    const types = (await call('office', 'GET', `/v1/cases/${caseId}/events`))
      .json<{ items: Array<{ type: string }> }>()
      .items.map((event) => event.type);
    expect(types.slice(-2)).toEqual(['instruction_given', 'instruction_acknowledged']);
  });
});
