// Issue 13, "every event records the person who acted": a step taken through a person's session
// carries the account and its name at the time (the step's 责任人) in the stored, chained event; a
// service token's step is recorded as before.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import { personWith, sessionOf } from '../accounts/people';

interface EventView {
  type: string;
  actor: { id: string; role: string; unitId: string | null; accountId?: string; name?: string };
}

describe('the person on every event', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  let office: string;
  let visitor: { id: string; login: string };
  let lead: { id: string; login: string };
  let caseId = '';

  beforeAll(async () => {
    system = await startSystem('accountable');
    app = system.app;
    office = await tokenFor(system.db.sql, 'office');
    visitor = await personWith(system.db.sql, 'zhang.min', 'visitor', null, '张敏');
    lead = await personWith(system.db.sql, 'liu.yang', 'unit', 'city-management', '刘洋');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('records the account and its name on each step a person takes, and nothing new on a token’s', async () => {
    const reporting = await sessionOf(app, visitor.login);
    const created = await call(reporting, 'POST', '/v1/cases', {
      kind: 'suggestion',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望对店面宣传方面可以适当放宽',
      locality: 'xingtai',
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json<{ id: string }>().id;
    expect((await call(office, 'POST', '/v1/dispatches')).statusCode).toBe(201);
    const signing = await sessionOf(app, lead.login);
    expect((await call(signing, 'POST', `/v1/cases/${caseId}/accept`, {})).statusCode).toBe(200);

    const events = (await call(office, 'GET', `/v1/cases/${caseId}/events`)).json<{ items: EventView[] }>().items;
    const actorOf = (type: string) => events.find((e) => e.type === type)?.actor;
    expect(actorOf('reported')).toEqual({
      id: visitor.id,
      role: 'visitor',
      unitId: null,
      accountId: visitor.id,
      name: '张敏',
    });
    expect(actorOf('accepted')).toEqual({
      id: lead.id,
      role: 'unit',
      unitId: 'city-management',
      accountId: lead.id,
      name: '刘洋',
    });
    expect(actorOf('dispatched')).not.toHaveProperty('accountId');

    const [stored] = await system.db.sql<{ actor: EventView['actor'] }[]>`
      SELECT actor FROM case_events WHERE case_id = ${caseId} AND type = 'accepted'`;
    expect(stored!.actor).toMatchObject({ accountId: lead.id, name: '刘洋' });
    expect((await call(office, 'GET', `/v1/cases/${caseId}/events/verify`)).json()).toMatchObject({ ok: true });
  });

  it('the printed ledger names who signed for the case and who wrote its last report (责任人)', async () => {
    const reporting = await sessionOf(app, lead.login);
    const report = await call(reporting, 'POST', `/v1/cases/${caseId}/reports`, {
      progress: '已约谈店主',
      percentDone: 30,
    });
    expect(report.statusCode).toBe(200);
    const csv = (await call(office, 'GET', '/v1/ledger.csv')).body;
    expect(csv).toContain('综合行政执法局（签收：刘洋）');
    expect(csv).toMatch(/已约谈店主（完成30%）（填报：刘洋）/);
  });

  it('keeps the name at the time: renaming the account later does not rewrite who signed', async () => {
    const admin = await tokenFor(system.db.sql, 'admin');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/v1/accounts/${lead.id}`,
      headers: bearer(admin),
      payload: { name: '刘洋（已调离）' },
    });
    expect(renamed.json()).toMatchObject({ name: '刘洋（已调离）' });
    const events = (await call(office, 'GET', `/v1/cases/${caseId}/events`)).json<{ items: EventView[] }>().items;
    expect(events.find((e) => e.type === 'accepted')?.actor.name).toBe('刘洋');
  });

  it('a visitor who logs in again still sees the case it reported (the actor is the account, not the session)', async () => {
    const again = await sessionOf(app, visitor.login);
    expect((await call(again, 'GET', `/v1/cases/${caseId}`)).statusCode).toBe(200);
    const stranger = await personWith(system.db.sql, 'other.visitor', 'visitor');
    expect((await call(await sessionOf(app, stranger.login), 'GET', `/v1/cases/${caseId}`)).statusCode).toBe(404);
  });
});
