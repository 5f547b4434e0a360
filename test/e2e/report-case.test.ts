// Foundation (issue 2): one case through every layer — HTTP → zod → routing → Temporal workflow →
// activity → PostgreSQL → HTTP — against the real dev server and real PostgreSQL.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal as temporal_ } from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStateQuery, type CaseWorkflowInput } from '../../shared/contracts/case';
import { caseSearchAttributeKeys } from '../../shared/contracts/search-attributes';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import type { DevServerHarness } from '../support/temporal';
import { startedCaseRun } from '../support/case-runs';

describe('a reported case goes through every layer', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let temporal: DevServerHarness;
  let app: FastifyInstance;
  let visitor: string;
  let office: string;

  beforeAll(async () => {
    system = await startSystem('e2e');
    ({ db, temporal, app } = system);
    visitor = await tokenFor(db.sql, 'visitor');
    office = await tokenFor(db.sql, 'office');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const street = {
    kind: 'suggestion',
    category: 'street-vending',
    title: '店外占道促销手续难办',
    description: '希望对店面宣传方面可以适当放宽',
    locality: 'xingtai',
    reporter: { name: '周先生', phone: '13800001234' },
  };

  it('POST /v1/cases starts the workflow, records `reported`, and the case and its events read back at once', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/cases', headers: bearer(visitor), payload: street });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; status: string; routing: { lead: string; coHandlers: string[] } }>();
    expect(created.headers.location).toBe(`/v1/cases/${body.id}`);
    expect(body.status).toBe('queued');
    expect(body.routing.lead).toBe('city-management');
    expect(body.routing.coHandlers).toEqual(['xingtai-street']);

    const read = await app.inject({ method: 'GET', url: `/v1/cases/${body.id}`, headers: bearer(office) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: body.id, status: 'queued', lead: 'city-management', title: street.title });

    const events = await app.inject({ method: 'GET', url: `/v1/cases/${body.id}/events`, headers: bearer(office) });
    expect(events.statusCode).toBe(200);
    const [reported] = events.json<{
      items: Array<{ seq: number; type: string; hash: string; prevHash: string | null }>;
    }>().items;
    expect(reported).toMatchObject({ seq: 1, type: 'reported', prevHash: null });
    expect(reported?.hash).toMatch(/^[0-9a-f]{64}$/);

    const description = await startedCaseRun(temporal.client, body.id);
    expect(description.status.name).toBe('RUNNING');
  });

  it('answers once PostgreSQL has the report placed; the workflow starts from the placed case, with no intake of its own', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/cases', headers: bearer(visitor), payload: street });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const events = await app.inject({ method: 'GET', url: `/v1/cases/${id}/events`, headers: bearer(office) });
    expect(events.json<{ items: Array<{ type: string }> }>().items.map((e) => e.type)).toEqual(['reported', 'queued']);

    // Started just after the answer (docs/intake.md).
    await startedCaseRun(temporal.client, id);
    const handle = temporal.client.workflow.getHandle(id);
    const history = await handle.fetchHistory();
    const [payload] = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const input = defaultPayloadConverter.fromPayload<CaseWorkflowInput>(payload as Payload);
    expect(input.carried?.state).toMatchObject({ id, status: 'queued', seq: 2 });
    // Started with the outcome's search attributes, so the Web UI lists it rightly from the start.
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(caseSearchAttributeKeys.status)).toBe('queued');
    const named = (history.events ?? []).map((e) => temporal_.api.enums.v1.EventType[e.eventType ?? 0]);
    expect(named).not.toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
    // The workflow carries on the chain from the placed case.
    expect((await handle.query(caseStateQuery)).seq).toBe(2);
    // Started: its outbox row is gone.
    await expect.poll(async () => (await db.sql`SELECT 1 FROM case_starts WHERE case_id = ${id}`).length).toBe(0);
  });

  it('a case resolved on the spot is closed with reason on_spot', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: { ...street, title: '殡葬改革政策不理解', resolvedOnSpot: { measures: '当场讲解殡葬改革政策文件' } },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const read = await app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer(office) });
    expect(read.json()).toMatchObject({ status: 'closed', closeReason: 'on_spot' });
  });

  it('masks the reporter for a leader and shows it to the office', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: { ...street, reporter: { name: '曾丽华' } },
    });
    const { id } = created.json<{ id: string }>();
    const leader = await tokenFor(db.sql, 'leader');
    const asLeader = await app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer(leader) });
    expect(asLeader.json<{ reporter: { name: string } }>().reporter.name).toBe('曾某某');
    const asOffice = await app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer(office) });
    expect(asOffice.json<{ reporter: { name: string } }>().reporter.name).toBe('曾丽华');
  });

  it('rejects a body with an unknown field as problem+json 400 and starts nothing', async () => {
    const before = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases`;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: { ...street, status: 'closed' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(response.json<{ errors: unknown[] }>().errors.length).toBeGreaterThan(0);
    const after = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers 422 naming an unknown category or locality', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: { ...street, locality: 'atlantis' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ errors: [{ path: 'body.locality' }] });
  });

  it('requires a bearer token (401) and the reporting roles (403)', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/cases', payload: street })).statusCode).toBe(401);
    const unit = await tokenFor(db.sql, 'unit', 'city-management');
    expect(
      (await app.inject({ method: 'POST', url: '/v1/cases', headers: bearer(unit), payload: street })).statusCode,
    ).toBe(403);
  });

  it("answers 404 for a case outside the caller's scope, as for one that does not exist", async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/cases', headers: bearer(visitor), payload: street });
    const { id } = created.json<{ id: string }>();
    const otherUnit = await tokenFor(db.sql, 'unit', 'justice-bureau');
    expect((await app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer(otherUnit) })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/v1/cases/${id}/events`, headers: bearer(otherUnit) })).statusCode,
    ).toBe(404);
    const lead = await tokenFor(db.sql, 'unit', 'city-management');
    expect((await app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer(lead) })).statusCode).toBe(200);
  });
});
