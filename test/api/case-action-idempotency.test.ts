// Issue 12: every case action takes an Idempotency-Key; a retry is applied once (one event, one
// Update in the workflow's history) and answered as the first time, even after the case moved on.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTION_RULES, CASE_ACTIONS } from '../../shared/domain/case-rules';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

describe('Idempotency-Key on case actions', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let caseId = '';
  let otherCaseId = '';

  const call = (who: string, url: string, payload: object = {}, key?: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(tokens[who]!), ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const eventCount = async (id: string) =>
    (await app.inject({ method: 'GET', url: `/v1/cases/${id}/events`, headers: bearer(tokens.office!) })).json<{
      items: unknown[];
    }>().items.length;
  const updateIdOf = async (key: string) => {
    const [row] = await system.db.sql<{ updateId: string }[]>`
      SELECT update_id AS "updateId" FROM case_action_keys WHERE key = ${key}`;
    return row!.updateId;
  };
  /** How many Updates with this id the case's workflow accepted, over its whole history. */
  const updatesInHistory = async (id: string, updateId: string) => {
    const history = await system.temporal.client.workflow.getHandle(id).fetchHistory();
    return (history.events ?? []).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId,
    ).length;
  };
  const report = async () => {
    const created = await call('visitor', '/v1/cases', {
      kind: 'suggestion',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望对店面宣传方面可以适当放宽',
      locality: 'xingtai',
    });
    return created.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    system = await startSystem('action-keys');
    app = system.app;
    tokens.visitor = await tokenFor(system.db.sql, 'visitor');
    tokens.office = await tokenFor(system.db.sql, 'office');
    tokens.lead = await tokenFor(system.db.sql, 'unit', 'city-management');
    caseId = await report();
    otherCaseId = await report();
    expect((await call('office', '/v1/dispatches')).statusCode).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('applies a retried accept once and answers it as the first time, even after the case moved on', async () => {
    const first = await call('lead', `/v1/cases/${caseId}/accept`, {}, 'accept-1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_progress' });
    const events = await eventCount(caseId);

    // Without the key, the case having moved on refuses a second accept…
    expect((await call('lead', `/v1/cases/${caseId}/accept`, {})).statusCode).toBe(409);
    // …with it, the retry is the same action: answered 200, nothing stored twice.
    const retry = await call('lead', `/v1/cases/${caseId}/accept`, {}, 'accept-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: caseId, status: 'in_progress', lead: 'city-management' });
    expect(await eventCount(caseId)).toBe(events);
    expect(await updatesInHistory(caseId, await updateIdOf('accept-1'))).toBe(1);
  });

  it('applies a report whose answer was lost once: the retry sends the same Update id, Temporal dedupes it', async () => {
    const first = await call(
      'lead',
      `/v1/cases/${caseId}/reports`,
      { progress: '已联系反映人', percentDone: 20 },
      'r-1',
    );
    expect(first.statusCode).toBe(200);
    const events = await eventCount(caseId);
    // As after a 503 whose Update was applied all the same: the key is claimed, its answer unknown.
    await system.db.sql`UPDATE case_action_keys SET answer = NULL, answered_at = NULL WHERE key = 'r-1'`;

    const retry = await call(
      'lead',
      `/v1/cases/${caseId}/reports`,
      { progress: '已联系反映人', percentDone: 20 },
      'r-1',
    );
    expect(retry.statusCode).toBe(200);
    expect(await eventCount(caseId)).toBe(events);
    expect(await updatesInHistory(caseId, await updateIdOf('r-1'))).toBe(1);
  });

  it('answers a retried extension request with the same request id, from Temporal and from the stored answer', async () => {
    const body = { until: new Date(Date.now() + 60 * 86_400_000).toISOString(), reason: '需协调多部门' };
    const first = await call('lead', `/v1/cases/${caseId}/extension-requests`, body, 'ext-1');
    expect(first.statusCode).toBe(200);
    const { requestId } = first.json<{ requestId: string }>();
    await system.db.sql`UPDATE case_action_keys SET answer = NULL, answered_at = NULL WHERE key = 'ext-1'`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const retry = await call('lead', `/v1/cases/${caseId}/extension-requests`, body, 'ext-1');
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ requestId });
    }
    expect(await updatesInHistory(caseId, await updateIdOf('ext-1'))).toBe(1);
  });

  it('applies concurrent first uses of one key once', async () => {
    const events = await eventCount(caseId);
    const answers = await Promise.all(
      [0, 1, 2].map(() => call('lead', `/v1/cases/${caseId}/reports`, { progress: '并发重试' }, 'r-race')),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    expect(await eventCount(caseId)).toBe(events + 1);
  });

  it('refuses a known key with another body, another action or another case (409), and applies nothing', async () => {
    const events = await eventCount(caseId);
    const otherEvents = await eventCount(otherCaseId);
    const otherBody = await call('lead', `/v1/cases/${caseId}/reports`, { progress: '另一份周报' }, 'r-1');
    expect(otherBody.statusCode).toBe(409);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.json()).toMatchObject({ status: 409, detail: 'this Idempotency-Key was used with another body' });
    const otherAction = await call('lead', `/v1/cases/${caseId}/resolve`, { measures: 'x', outcome: 'y' }, 'r-1');
    expect(otherAction.json()).toMatchObject({
      status: 409,
      detail: 'this Idempotency-Key was used with another action',
    });
    // Keys are the caller's, not the case's: one key names one action on one case (docs/api-notes.md).
    const otherCase = await call('lead', `/v1/cases/${otherCaseId}/accept`, {}, 'accept-1');
    expect(otherCase.json()).toMatchObject({ status: 409, detail: 'this Idempotency-Key was used with another case' });
    expect(await eventCount(caseId)).toBe(events);
    expect(await eventCount(otherCaseId)).toBe(otherEvents);
  });

  it('keeps keys per caller: another token may use the same key for its own action', async () => {
    tokens.lead2 = await tokenFor(system.db.sql, 'unit', 'city-management');
    const events = await eventCount(caseId);
    const answer = await call('lead2', `/v1/cases/${caseId}/reports`, { progress: '另一位经办人' }, 'r-1');
    expect(answer.statusCode).toBe(200);
    expect(await eventCount(caseId)).toBe(events + 1);
  });

  it('treats an expired key as never used: another body under it is a new action', async () => {
    await system.db.sql`UPDATE case_action_keys SET created_at = now() - interval '31 days' WHERE key = 'r-1'`;
    const events = await eventCount(caseId);
    const answer = await call('lead', `/v1/cases/${caseId}/reports`, { progress: '一个月后的周报' }, 'r-1');
    expect(answer.statusCode).toBe(200);
    expect(await eventCount(caseId)).toBe(events + 1);
  });

  it('refuses a key that is not 1 to 255 visible ASCII characters (400), as POST /v1/cases does', async () => {
    for (const key of ['has space', 'x'.repeat(256), 'caf\u00e9']) {
      const answer = await call('lead', `/v1/cases/${caseId}/reports`, { progress: 'x' }, key);
      expect({ key, status: answer.statusCode }).toEqual({ key, status: 400 });
    }
  });

  it('publishes the header in /openapi.json for every case action', async () => {
    const { paths } = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { post?: { parameters?: Array<{ in: string; name: string; required?: boolean }> } }>;
    }>();
    const actions = Object.keys(paths).filter((path) => path.startsWith('/v1/cases/{id}/') && paths[path]!.post);
    const tablePaths = new Set(CASE_ACTIONS.map((action) => CASE_ACTION_RULES[action].path).filter((p) => p !== null));
    expect(actions.sort()).toEqual([...tablePaths].map((path) => `/v1/cases/{id}/${path}`).sort());
    for (const path of actions) {
      const header = paths[path]!.post!.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
      expect({ path, header: header?.name, required: header?.required }).toEqual({
        path,
        header: 'idempotency-key',
        required: false,
      });
    }
  });
});
