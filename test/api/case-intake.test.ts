// POST /v1/cases with Idempotency-Key (docs/api.md): the same key and body answer the same case,
// even fifty at once; the same key with another body is 409; nothing is reported twice.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import type { DevServerHarness } from '../support/temporal';
import { startedCaseRun } from '../support/case-runs';

describe('case intake with an Idempotency-Key', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let temporal: DevServerHarness;
  let app: FastifyInstance;
  let visitor: string;

  const body = {
    kind: 'problem_clue',
    category: 'street-vending',
    title: '夜市占道',
    description: '夜市摊位占用人行道',
    locality: 'xingtai',
    reporter: { name: '李某' },
  };

  beforeAll(async () => {
    system = await startSystem('intake', { dbPoolMax: 20 });
    ({ db, temporal, app } = system);
    visitor = await tokenFor(db.sql, 'visitor');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const post = (key: string, payload: object = body) =>
    app.inject({ method: 'POST', url: '/v1/cases', headers: { ...bearer(visitor), 'idempotency-key': key }, payload });

  it('fifty concurrent identical requests make exactly one case, one workflow and one reporter', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => post('visit-42-problem-1')));
    const ids = new Set(responses.map((r) => r.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(49);
    const [id] = [...ids];
    const cases = await db.sql`SELECT id FROM cases WHERE title = ${body.title}`;
    expect(cases.map((c) => c.id as string)).toEqual([id]);
    const reporters = await db.sql`SELECT id FROM reporters WHERE name = '李某'`;
    expect(reporters).toHaveLength(1);
    await startedCaseRun(temporal.client, id!);
    const workflows = temporal.client.workflow.list({ query: `WorkflowId = '${id}'` });
    let runs = 0;
    for await (const _ of workflows) runs++;
    expect(runs).toBe(1);
  });

  it('the same key with another body is 409 and reports nothing', async () => {
    const first = await post('visit-43');
    expect(first.statusCode).toBe(201);
    const other = await post('visit-43', { ...body, title: '另一个问题' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ status: 409, caseId: first.json<{ id: string }>().id });
    expect(await db.sql`SELECT 1 FROM cases WHERE title = '另一个问题'`).toHaveLength(0);
  });

  it('a retry after the first answer returns the same case with 200', async () => {
    const first = await post('visit-44');
    const retry = await post('visit-44');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
  });

  it('keys are per token: another visitor with the same key reports its own case', async () => {
    const other = await tokenFor(db.sql, 'visitor');
    const mine = await post('shared-key');
    const theirs = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { ...bearer(other), 'idempotency-key': 'shared-key' },
      payload: body,
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);
  });

  it('refuses a malformed key with 400', async () => {
    expect((await post('has space')).statusCode).toBe(400);
  });
});
