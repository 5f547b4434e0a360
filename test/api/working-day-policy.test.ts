// A category's policy may count working days (issue 14): its cases pin the calendar in force when
// they are reported, and a later calendar edit moves none of their deadlines (docs/calendar.md).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

describe('working-day policies', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem('working-day-policy');
    ({ db, app } = system);
    for (const role of ['admin', 'office', 'visitor'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.unit = await tokenFor(db.sql, 'unit', 'city-management');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const patchPolicy = (policy: object) =>
    app.inject({
      method: 'PATCH',
      url: '/v1/categories/street-vending',
      headers: bearer(tokens.admin!),
      payload: { policy },
    });

  it('refuses a count of working days that is not a whole number from 1 to 250, changing nothing', async () => {
    for (const resolveWithin of [{ workingDays: 0 }, { workingDays: 1.5 }, { workingDays: 251 }, { days: 5 }]) {
      const response = await patchPolicy({ resolveWithin });
      expect(response.statusCode, JSON.stringify(resolveWithin)).toBe(400);
    }
    const [category] = await db.sql<{ version: number }[]>`
      SELECT policy_version AS version FROM categories WHERE code = 'street-vending'`;
    expect(category?.version).toBe(1);
  });

  it('pins the calendar in force with the case, which a later calendar edit leaves alone', async () => {
    const patched = await patchPolicy({ resolveWithin: { workingDays: 15 }, moveOffNonWorkingDays: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      policy: { resolveWithin: { workingDays: 15 }, moveOffNonWorkingDays: true, acceptWithin: 'P1D' },
    });

    const report = async (title: string) => {
      const reported = await app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(tokens.visitor!),
        payload: { kind: 'problem_clue', category: 'street-vending', title, description: title, locality: 'xingtai' },
      });
      expect(reported.statusCode).toBe(201);
      return reported.json<{ id: string }>().id;
    };
    const pinned = async (id: string) => {
      const [row] = await db.sql<
        { policy: { calendar: { version: number; years: Record<string, { holidays: string[] }> } } }[]
      >`
        SELECT policy FROM cases WHERE id = ${id}`;
      return row!.policy.calendar;
    };
    const id = await report('夜市占道');
    const before = await pinned(id);
    expect(before.years['2026']?.holidays).toContain('2026-10-01');

    const edit = await app.inject({
      method: 'PUT',
      url: '/v1/calendar/2026',
      headers: bearer(tokens.admin!),
      payload: { holidays: ['2026-12-31'], workdays: [] },
    });
    expect(edit.statusCode).toBe(200);
    expect(await pinned(id)).toEqual(before);
    // The next report pins the edited calendar: the API's copy of the reference data moved with it.
    const after = await pinned(await report('夜市占道（二）'));
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.years['2026']?.holidays).toEqual(['2026-12-31']);
  });

  it('flags a case warned of its deadline (临期预警), which the ledger finds with ?dueSoon=true', async () => {
    // Second-long durations, as drills use them: the warning comes two seconds after sign-for.
    const patched = await patchPolicy({ resolveWithin: 'PT30S', warnBefore: 'PT28S' });
    expect(patched.statusCode, patched.body).toBe(200);
    const reported = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(tokens.visitor!),
      payload: {
        kind: 'problem_clue',
        category: 'street-vending',
        title: '占道施工围挡',
        description: '围挡占用盲道',
        locality: 'xingtai',
        priority: 'urgent',
      },
    });
    const { id, status } = reported.json<{ id: string; status: string }>();
    expect(status).toBe('assigned');
    const accepted = await app.inject({ method: 'POST', url: `/v1/cases/${id}/accept`, headers: bearer(tokens.unit!) });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const dueSoonIds = async () => {
      const ledger = await app.inject({ url: '/v1/cases?dueSoon=true', headers: bearer(tokens.office!) });
      return ledger.json<{ items: Array<{ id: string }> }>().items.map((item) => item.id);
    };
    await expect.poll(dueSoonIds, { timeout: 20_000, interval: 250 }).toContain(id);
    const view = await app.inject({ url: `/v1/cases/${id}`, headers: bearer(tokens.office!) });
    expect(view.json()).toMatchObject({ dueSoon: true, overdue: false });
    const notDueSoon = await app.inject({ url: '/v1/cases?dueSoon=false', headers: bearer(tokens.office!) });
    expect(notDueSoon.json<{ items: Array<{ id: string }> }>().items.map((item) => item.id)).not.toContain(id);
  }, 60_000);
});
