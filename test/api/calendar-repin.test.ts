// Re-pinning a case's calendar over HTTP (docs/calendar.md, docs/api.md): only the office re-pins, only
// an open case whose policy counts working days, and only to a calendar other than the one pinned; the
// re-pin is an event in the timeline and the case view names the calendar version it counts on.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDate } from '../../shared/domain/campaign-clock';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

interface View {
  status: string;
  deadline: string | null;
  calendarVersion: number | null;
  allowedActions: Array<{ action: string; path: string }>;
}

describe('re-pinning a case’s calendar over HTTP', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  let caseId = '';

  const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });
  const view = async (id: string) => (await call('office', 'GET', `/v1/cases/${id}`)).json<View>();
  const report = async (category: string) => {
    const created = await call('visitor', 'POST', '/v1/cases', {
      kind: 'problem_clue',
      category,
      title: '夜市占道经营',
      description: '夜市摊位占用人行道',
      locality: 'xingtai',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    system = await startSystem('calendar-repin');
    ({ db, app } = system);
    for (const role of ['admin', 'office', 'leader', 'visitor'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.lead = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
    const patched = await call('admin', 'PATCH', '/v1/categories/street-vending', {
      policy: { resolveWithin: { workingDays: 15 } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    caseId = await report('street-vending');
    expect((await call('office', 'POST', '/v1/dispatches')).statusCode).toBe(201);
    expect((await call('lead', 'POST', `/v1/cases/${caseId}/accept`, {})).statusCode).toBe(200);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('offers the office the re-pin, and refuses everyone else, changing nothing', async () => {
    const before = await view(caseId);
    expect(before.calendarVersion).toBe(0);
    expect(before.allowedActions).toContainEqual({ action: 'repinCalendar', path: `/v1/cases/${caseId}/calendar` });
    for (const who of ['lead', 'coHandler', 'leader', 'visitor', 'admin']) {
      const refused = await call(who, 'POST', `/v1/cases/${caseId}/calendar`, {});
      expect(refused.statusCode, who).toBe(403);
      const seen = (await call(who, 'GET', `/v1/cases/${caseId}`)).json<View>();
      expect(seen.allowedActions?.some((a) => a.action === 'repinCalendar') ?? false, who).toBe(false);
    }
    const unchanged = await call('office', 'POST', `/v1/cases/${caseId}/calendar`);
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json()).toMatchObject({ code: 'CALENDAR_ALREADY_PINNED', caseStatus: 'in_progress' });
    expect(await view(caseId)).toEqual(before);
  });

  it('moves the deadline past a holiday entered inside its count, in the timeline and the view', async () => {
    const before = await view(caseId);
    // The deadline's own day is the count's last working day: made a holiday, the count ends a working day later.
    const lastDay = campaignDate(Date.parse(before.deadline!) - 1);
    const year = lastDay.slice(0, 4);
    const current = (await call('admin', 'GET', `/v1/calendar/${year}`)).json<{
      holidays: string[];
      workdays: string[];
    }>();
    const put = await call('admin', 'PUT', `/v1/calendar/${year}`, {
      holidays: [...current.holidays, lastDay],
      workdays: current.workdays,
    });
    expect(put.statusCode, put.body).toBe(200);
    const version = put.json<{ version: number }>().version;
    // The edit alone moves nothing: the case counts on the calendar it pinned.
    expect((await view(caseId)).deadline).toBe(before.deadline);

    const repin = () =>
      app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/calendar`,
        headers: { ...bearer(tokens.office!), 'idempotency-key': `repin-${caseId}` },
        payload: { reason: '节假日安排调整' },
      });
    const repinned = await repin();
    expect(repinned.statusCode, repinned.body).toBe(200);
    const after = repinned.json<View>();
    expect(after.calendarVersion).toBe(version);
    expect(Date.parse(after.deadline!)).toBeGreaterThan(Date.parse(before.deadline!));
    expect(await view(caseId)).toMatchObject({ calendarVersion: version, deadline: after.deadline });

    const events = (await call('lead', 'GET', `/v1/cases/${caseId}/events`)).json<{
      items: Array<{ type: string; actor: { role: string }; data: Record<string, unknown> }>;
    }>().items;
    const event = events.find((e) => e.type === 'calendar_repinned');
    expect(event).toMatchObject({
      actor: { role: 'office' },
      data: {
        fromVersion: 0,
        toVersion: version,
        reason: '节假日安排调整',
        moved: [{ clock: 'deadline', from: before.deadline, to: after.deadline }],
      },
    });
    // Retried with its key after yet another edit: the first re-pin's answer, applied once. The calendar
    // is the API's input, not the client's, so the retry is the same request.
    const edited = await call('admin', 'PUT', `/v1/calendar/${year}`, {
      holidays: [...current.holidays, lastDay, `${year}-12-30`],
      workdays: current.workdays,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const retried = await repin();
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json<View>()).toMatchObject({ calendarVersion: version, deadline: after.deadline });
    const types = (await call('office', 'GET', `/v1/cases/${caseId}/events`)).json<{
      items: Array<{ type: string }>;
    }>();
    expect(types.items.filter((e) => e.type === 'calendar_repinned')).toHaveLength(1);

    // Without a key it is a new request, and the calendar has moved on again: re-pinned anew.
    const again = await call('office', 'POST', `/v1/cases/${caseId}/calendar`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<View>().calendarVersion).toBe(edited.json<{ version: number }>().version);
    const twice = await call('office', 'POST', `/v1/cases/${caseId}/calendar`, {});
    expect(twice.json()).toMatchObject({ code: 'CALENDAR_ALREADY_PINNED' });
    expect(twice.statusCode).toBe(409);
  });

  it('is published in /openapi.json with its optional reason and the view’s calendarVersion', async () => {
    const { paths } = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    }>();
    const route = paths['/v1/cases/{id}/calendar']?.post;
    expect(JSON.stringify(route?.requestBody)).toContain('"reason"');
    expect(JSON.stringify(route?.responses['200'])).toContain('"calendarVersion"');
  });

  it('refuses a case whose policy counts no working days, and a closed case, as the table says', async () => {
    const plain = await report('neighbour-dispute');
    expect((await view(plain)).allowedActions.some((a) => a.action === 'repinCalendar')).toBe(false);
    const refused = await call('office', 'POST', `/v1/cases/${plain}/calendar`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'POLICY_COUNTS_NO_WORKING_DAYS' });

    const closing = await report('street-vending');
    const closed = await call('office', 'POST', `/v1/cases/${closing}/close`, { reason: 'withdrawn' });
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await call('office', 'POST', `/v1/cases/${closing}/calendar`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'INVALID_STATE', caseStatus: 'closed' });
  });
});
