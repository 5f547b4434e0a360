// GET /v1/statistics (issue 14): the month of helpers/statistics-month.ts through the API — the window
// on the Beijing calendar, the fair ranking with 样本不足, who may ask and what each caller sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { A, B, C, tellMarch } from '../db/helpers/statistics-month';

interface Answer {
  startsAt: string;
  endsAt: string;
  groups: Array<{ key: string; name: string | null; counts: Record<string, number>; rates: Record<string, number> }>;
  totals: { counts: Record<string, number>; rates: Record<string, number | null> };
  ranking: {
    ranked: Array<{ unitId: string; rank: number }>;
    insufficientSample: Array<{ unitId: string; sample: number }>;
  } | null;
  definitions: { rates: Record<string, { zh: string }> };
}

describe('GET /v1/statistics', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    await tellMarch(db.sql);
    api = await buildTestApp(db.sql);
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.leader = await tokenFor(db.sql, 'leader');
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.unitC = await tokenFor(db.sql, 'unit', C);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const get = (who: string, query: string) =>
    api.app.inject({ method: 'GET', url: `/v1/statistics?${query}`, headers: bearer(tokens[who]!) });

  it('answers a Beijing month by unit, with the fair ranking: a one-case unit is 样本不足, not first', async () => {
    const response = await get('office', 'period=month&from=2026-03&groupBy=unit');
    expect(response.statusCode).toBe(200);
    const body = response.json<Answer>();
    expect(body).toMatchObject({ startsAt: '2026-02-28T16:00:00.000Z', endsAt: '2026-03-31T16:00:00.000Z' });
    expect(body.groups.map((g) => g.key)).toEqual(['', A, B, C]);
    expect(body.groups.find((g) => g.key === A)).toMatchObject({
      name: '综合行政执法局',
      counts: { received: 7, closed: 4, closable: 6 },
      rates: { closeRate: 4 / 6, onTimeCloseRate: 3 / 4, reworkRate: 1 / 4 },
    });
    expect(body.ranking!.ranked.map((r) => [r.unitId, r.rank])).toEqual([
      [C, 1],
      [A, 2],
    ]);
    expect(body.ranking!.insufficientSample).toMatchObject([{ unitId: B, sample: 1 }]);
    expect(body.definitions.rates.onTimeCloseRate!.zh).toBe('按期办结率');
    // The whole month: each group's counts added, and 办结率 from the sums, not an average of rates.
    const sum = (key: string) => body.groups.reduce((n, g) => n + (g.counts[key] ?? 0), 0);
    expect(body.totals.counts.received).toBe(sum('received'));
    expect(body.totals.rates.closeRate).toBe(sum('closedOfAssigned') / sum('closable'));
  });

  it('takes the minimum sample from the query: at 7 no unit has enough cases to be ranked', async () => {
    const body = (await get('leader', 'period=month&from=2026-03&minimumSample=7')).json<Answer>();
    expect(body.ranking!.ranked).toEqual([]);
    expect(body.ranking!.insufficientSample.map((u) => u.unitId)).toEqual([A, B, C]);
  });

  it('counts a span of weeks and a campaign’s days on the Beijing calendar', async () => {
    const weeks = (await get('office', 'period=week&from=2026-W10&to=2026-W11&groupBy=kind')).json<Answer>();
    expect(weeks).toMatchObject({ startsAt: '2026-03-01T16:00:00.000Z', endsAt: '2026-03-15T16:00:00.000Z' });
    expect(weeks.ranking).toBeNull();
    // W10 and W11 are Monday 03-02 to Sunday 03-15: a1…a7, b1, c1…c5, not the case of 03-20.
    expect(weeks.groups[0]!.counts.received).toBe(13);
    const days = (await get('office', 'period=campaign&from=2026-03-15&to=2026-03-20')).json<Answer>();
    // 03-15 to 03-20 inclusive: the case still in triage and c5 reported; a6 (03-15 20:00) and a5 closed.
    expect(days.groups.map((g) => [g.key, g.counts.received, g.counts.closed])).toEqual([
      ['', 1, 0],
      [A, 0, 2],
      [C, 1, 3],
    ]);
  });

  it('scopes like the ledger: a unit sees its own cases only; a visitor may not ask', async () => {
    const body = (await get('unitC', 'period=month&from=2026-03')).json<Answer>();
    expect(body.groups.map((g) => g.key)).toEqual([C]);
    expect((await get('visitor', 'period=month&from=2026-03')).statusCode).toBe(403);
  });

  it('refuses a label of the wrong kind, an unknown parameter and a reversed span', async () => {
    expect((await get('office', 'period=month&from=2026-W10')).statusCode).toBe(400);
    expect((await get('office', 'period=month&from=2026-03&sort=rate')).statusCode).toBe(400);
    expect((await get('office', 'period=month&from=2026-03&to=2026-02')).statusCode).toBe(400);
  });
});
