// 交办单 (docs/api.md, dispatch): the office and leaders read every unit's list of a batch; a unit reads
// its own only — the batches that handed it a case to lead, each with just those cases — and another
// unit's batch is not found, as if it did not exist.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

interface Batch {
  id: string;
  caseCount: number;
  units?: Array<{ unitId: string; cases: Array<{ caseId: string; title: string }> }>;
}

describe('dispatch sheets by unit', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let batchId = '';

  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: bearer(tokens[who]!) });

  beforeAll(async () => {
    system = await startSystem('dispatch-sheets');
    ({ db, app } = system);
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.lead = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
    tokens.stranger = await tokenFor(db.sql, 'unit', 'justice-bureau');
    const report = async (title: string, locality: string) => {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(tokens.visitor!),
        payload: { kind: 'problem_clue', category: 'street-vending', title, description: title, locality },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: string }>().id;
    };
    const ids = [await report('夜市占道', 'xingtai'), await report('菜场占道', 'qishe')];
    // A batch takes the cases whose workflow has started (docs/intake.md): wait for both to run.
    await vi.waitFor(
      async () => expect(await db.sql`SELECT 1 FROM case_starts WHERE case_id = ANY(${ids})`).toHaveLength(0),
      { timeout: 15_000, interval: 100 },
    );
    const dispatched = await app.inject({ method: 'POST', url: '/v1/dispatches', headers: bearer(tokens.office) });
    expect(dispatched.statusCode, dispatched.body).toBe(201);
    batchId = dispatched.json<{ id: string }>().id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('gives the office every unit’s list, and the lead unit its own only', async () => {
    const whole = (await get('office', `/v1/dispatches/${batchId}`)).json<Batch>();
    expect(whole.caseCount).toBe(2);
    const own = await get('lead', `/v1/dispatches/${batchId}`);
    expect(own.statusCode).toBe(200);
    const sheet = own.json<Batch>();
    expect(sheet.units?.map((u) => u.unitId)).toEqual(['city-management']);
    const expected = whole.units!.find((u) => u.unitId === 'city-management')!;
    expect(sheet.caseCount).toBe(expected.cases.length);
    expect(sheet.units?.[0]?.cases).toEqual(expected.cases);
    const listed = (await get('lead', '/v1/dispatches')).json<{ items: Batch[] }>().items;
    expect(listed.find((b) => b.id === batchId)?.caseCount).toBe(expected.cases.length);
  });

  it('does not show a unit a batch that handed it nothing to lead', async () => {
    for (const who of ['stranger', 'coHandler']) {
      const sheet = await get(who, `/v1/dispatches/${batchId}`);
      expect(sheet.statusCode, who).toBe(404);
      const listed = (await get(who, '/v1/dispatches')).json<{ items: Batch[] }>().items;
      expect(
        listed.map((b) => b.id),
        who,
      ).not.toContain(batchId);
    }
  });
});
