// Intake that never waits on a worker (issue 12): a report is accepted once PostgreSQL holds it placed,
// with its start in the outbox; the API starts its workflow, or the worker's sweeper does when Temporal
// was away. A replayed key answers from PostgreSQL and never starts another run.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { freePort } from '../../scripts/lib/processes';
import { canonicalJson } from '../../shared/db/event-hash';
import { hashToken } from '../../shared/db/token-hash';
import { caseInput } from '../workflows/support/case-fixtures';
import { buildTestApp, type ApiHarness } from '../support/api';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import type { DevServerHarness } from '../support/temporal';

describe('intake through the outbox', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let temporal: DevServerHarness;
  let app: FastifyInstance;
  let visitor: string;
  let office: string;

  const street = {
    kind: 'problem_clue',
    category: 'street-vending',
    title: '菜市场门口占道经营',
    description: '早市摊贩占用人行道',
    locality: 'xingtai',
    reporter: { name: '张某', phone: '13800000000' },
  };

  beforeAll(async () => {
    system = await startSystem('outbox');
    ({ db, temporal, app } = system);
    visitor = await tokenFor(db.sql, 'visitor');
    office = await tokenFor(db.sql, 'office');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const runStatus = async (id: string): Promise<string> => {
    try {
      return (await temporal.client.workflow.getHandle(id).describe()).status.name;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'NONE';
      throw error;
    }
  };

  /**
   * Reports `street` through the API on the same database and task queue, with a Temporal that does
   * not answer: the report's answer, its workflow left to the sweeper.
   */
  async function reportWhileTemporalIsDown(): Promise<{ statusCode: number; body: { id: string; status: string } }> {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const down: ApiHarness = await buildTestApp(db.sql, {
      temporal: { client: new Client({ connection }), taskQueue: temporal.taskQueue },
    });
    try {
      const created = await down.app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(visitor),
        payload: street,
      });
      return { statusCode: created.statusCode, body: created.json() };
    } finally {
      await down.close();
    }
  }

  it('accepts a report while Temporal is down; the sweeper starts it later, and the case carries on its chain', async () => {
    const created = await reportWhileTemporalIsDown();
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', routing: { lead: 'city-management' } });
    const { id } = created.body;
    // Stored and readable at once; the API that took it could not reach Temporal, so the workflow
    // that appears is the sweeper's.
    const read = await app.inject({ url: `/v1/cases/${id}`, headers: bearer(office) });
    expect(read.json()).toMatchObject({ status: 'queued', reporter: { name: '张某' } });

    await expect.poll(() => runStatus(id), { timeout: 30_000, interval: 250 }).toBe('RUNNING');
    // The sweeper deletes the outbox row just after the start it made, so the row may outlive the
    // RUNNING status by a moment.
    await expect
      .poll(async () => (await db.sql`SELECT 1 FROM case_starts WHERE case_id = ${id}`).length, { timeout: 5_000 })
      .toBe(0);
    // The reporter row the failed start might once have deleted is still the case's.
    const [row] = await db.sql<{ name: string }[]>`
      SELECT r.name FROM cases c JOIN reporters r ON r.id = c.reporter_id WHERE c.id = ${id}`;
    expect(row?.name).toBe('张某');

    const assigned = await app.inject({
      method: 'POST',
      url: `/v1/cases/${id}/assign`,
      headers: bearer(office),
      payload: { lead: 'xingtai-street', note: '属地办理' },
    });
    expect(assigned.statusCode).toBe(200);
    const events = await app.inject({ url: `/v1/cases/${id}/events`, headers: bearer(office) });
    const items = events.json<{ items: Array<{ seq: number; type: string }> }>().items;
    expect(items.map((e) => [e.seq, e.type])).toEqual([
      [1, 'reported'],
      [2, 'queued'],
      [3, 'assigned'],
    ]);
    const verified = await app.inject({ url: `/v1/cases/${id}/events/verify`, headers: bearer(office) });
    expect(verified.json()).toMatchObject({ ok: true });
  }, 60_000);

  it('starts a case still in the outbox when an action reaches it first, and applies the action once', async () => {
    const { id } = (await reportWhileTemporalIsDown()).body;
    // Out of the sweeper's reach: only the action can start it.
    await db.sql`UPDATE case_starts SET next_attempt_at = now() + interval '1 hour' WHERE case_id = ${id}`;
    expect(await runStatus(id)).toBe('NONE');
    // Through an API whose Temporal does not answer: to be retried (503), not refused as closed.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const down = await buildTestApp(db.sql, {
      temporal: { client: new Client({ connection }), taskQueue: temporal.taskQueue },
    });
    try {
      const refused = await down.app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/assign`,
        headers: bearer(office),
        payload: { lead: 'xingtai-street', note: '属地办理' },
      });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await down.close();
    }
    expect(await runStatus(id)).toBe('NONE');

    const assign = () =>
      app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/assign`,
        headers: { ...bearer(office), 'idempotency-key': `assign-${id}` },
        payload: { lead: 'xingtai-street', note: '属地办理' },
      });
    const assigned = await assign();
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', lead: 'xingtai-street' });
    expect(await runStatus(id)).toBe('RUNNING');
    expect((await assign()).statusCode).toBe(200);
    const types = await db.sql<{ type: string }[]>`SELECT type FROM case_events WHERE case_id = ${id} ORDER BY seq`;
    expect(types.map((e) => e.type)).toEqual(['reported', 'queued', 'assigned']);
    await expect
      .poll(async () => (await db.sql`SELECT 1 FROM case_starts WHERE case_id = ${id}`).length, { timeout: 5_000 })
      .toBe(0);
  }, 60_000);

  it('leaves a case whose start is pending to the next dispatch batch, which dispatches it once it runs', async () => {
    const { id } = (await reportWhileTemporalIsDown()).body;
    // Held in the outbox while a batch is sealed: as when Temporal has just come back.
    await db.sql`UPDATE case_starts SET next_attempt_at = now() + interval '1 hour' WHERE case_id = ${id}`;
    const dispatch = () => app.inject({ method: 'POST', url: '/v1/dispatches', headers: bearer(office) });
    type Batch = { cases: Array<{ caseId: string }>; skipped: Array<{ caseId: string }> };
    const first = (await dispatch()).json<Batch>();
    expect([...first.cases, ...first.skipped].map((c) => c.caseId)).not.toContain(id);

    await db.sql`UPDATE case_starts SET next_attempt_at = now() WHERE case_id = ${id}`;
    await expect.poll(() => runStatus(id), { timeout: 30_000, interval: 250 }).toBe('RUNNING');
    const second = (await dispatch()).json<Batch>();
    expect(second.cases.map((c) => c.caseId)).toContain(id);
    const view = await app.inject({ url: `/v1/cases/${id}`, headers: bearer(office) });
    expect(view.json()).toMatchObject({ status: 'assigned', lead: 'city-management' });
  }, 90_000);

  it('answers a key replayed after the case has finished from PostgreSQL, and starts no second run', async () => {
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { ...bearer(visitor), 'idempotency-key': 'visit-7-problem-2' },
        payload: street,
      });
    const created = await post();
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const closed = await app.inject({
      method: 'POST',
      url: `/v1/cases/${id}/close`,
      headers: bearer(office),
      payload: { reason: 'withdrawn', note: '群众撤回' },
    });
    expect(closed.statusCode).toBe(200);
    await expect.poll(() => runStatus(id), { timeout: 20_000 }).toBe('COMPLETED');
    const firstRun = (await temporal.client.workflow.getHandle(id).describe()).runId;

    const replayed = await post();
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ id, status: 'closed' });
    const latest = await temporal.client.workflow.getHandle(id).describe();
    expect([latest.runId, latest.status.name]).toEqual([firstRun, 'COMPLETED']);
    // Its outbox row goes once the start is known (deleted in a batch, within 100 ms of it).
    await expect.poll(async () => (await db.sql`SELECT 1 FROM case_starts WHERE case_id = ${id}`).length).toBe(0);
    expect(
      await db.sql`SELECT 1 FROM cases WHERE title = ${street.title} AND id <> ${id} AND status = 'closed'`,
    ).toHaveLength(0);
  }, 60_000);

  it('starts a report accepted before the outbox intake whose first start failed, when its key is replayed', async () => {
    // As the update-with-start intake left it: the key with the workflow input, no case row, no run.
    // As the API parses it (defaults filled): the key's hash is over the parsed body.
    const body = { ...street, title: '老旧小区路灯不亮', priority: 'normal' };
    const input = caseInput({ title: body.title, reportedBy: { id: 'legacy', role: 'visitor', unitId: null } });
    const [token] = await db.sql<{ id: string }[]>`SELECT id FROM api_tokens WHERE token_hash = ${hashToken(visitor)}`;
    await db.sql`
      INSERT INTO idempotency_keys (token_id, key, body_hash, case_id, workflow_input)
      VALUES (${token!.id}, 'legacy-key', ${createHash('sha256').update(canonicalJson(body)).digest('hex')},
              ${input.caseId}, ${db.sql.json(input as never)})`;
    const replay = () =>
      app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { ...bearer(visitor), 'idempotency-key': 'legacy-key' },
        payload: body,
      });
    const first = await replay();
    expect(first.statusCode).toBe(503);
    expect(first.headers['retry-after']).toBeDefined();
    // Its workflow places the report itself, and a later retry answers the case.
    await expect.poll(async () => (await replay()).statusCode, { timeout: 20_000, interval: 250 }).toBe(200);
    expect((await replay()).json()).toMatchObject({ id: input.caseId, status: 'queued' });
  }, 60_000);

  it('dispatches an urgent report in the intake transaction, and its workflow tells the unit', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: { ...street, title: '燃气管道泄漏', priority: 'urgent' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'assigned' });
    const { id } = created.json<{ id: string }>();
    const [batch] = await db.sql<{ kind: string; outcome: string }[]>`
      SELECT b.kind, c.outcome FROM dispatch_batches b JOIN dispatch_batch_cases c ON c.batch_id = b.id
      WHERE c.case_id = ${id}`;
    expect(batch).toEqual({ kind: 'urgent', outcome: 'dispatched' });
    const types = await db.sql<{ type: string }[]>`SELECT type FROM case_events WHERE case_id = ${id} ORDER BY seq`;
    expect(types.map((e) => e.type)).toEqual(['reported', 'dispatched']);
    await expect
      .poll(async () => (await db.sql`SELECT 1 FROM notifications WHERE case_id = ${id}`).length, { timeout: 20_000 })
      .toBe(1);
    // Read by people: the unit by its name, the sign-for deadline in Beijing time.
    const [notice] = await db.sql<{ subject: string; body: string; recipients: string[] }[]>`
      SELECT subject, body, recipient_unit_ids AS recipients FROM notifications WHERE case_id = ${id}`;
    expect(notice?.recipients).toEqual(['city-management', 'xingtai-street']);
    expect(notice?.subject).toBe('【交办】燃气管道泄漏');
    expect(notice?.body).toMatch(
      /交由综合行政执法局主办，兴泰街道办事处协办，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前签收/,
    );
  }, 60_000);
});
