// Statistics (issue 14): each figure of docs/statistics.md over a month told case by case
// (helpers/statistics-month.ts), against the number computed by hand from the stories; the fair
// ranking; and the ledger's scope rule applied to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStatistics, type StatisticsQuery } from '../../shared/db/statistics';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { fairRanking, wilsonLowerBound } from '../../shared/supervision/statistics/fair-ranking';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { A, B, C, H, tellMarch } from './helpers/statistics-month';

const office: Viewer = { tokenId: 'office-token', role: 'office', unitId: 'office' };
const MARCH = { from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' };
const APRIL = { from: '2026-03-31T16:00:00.000Z', to: '2026-04-30T16:00:00.000Z' };

describe('statistics over a month told case by case', () => {
  let db: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
    await tellMarch(sql);
  });
  afterAll(async () => db?.drop());

  const byUnit = (viewer: Viewer, query: Partial<StatisticsQuery> = {}) =>
    loadStatistics(sql, viewer, { ...MARCH, groupBy: 'unit', ...query });

  it('counts each figure of unit A in March as the stories tell it', async () => {
    const a = (await byUnit(office)).find((g) => g.key === A)!;
    expect(a.counts).toEqual({
      received: 7, // a1…a7, all reported in March
      assigned: 7,
      closable: 6, // a4 was closed as a duplicate
      closedOfAssigned: 4, // a1, a2, a5, a6; a3 closes in April
      closedOnTimeOfAssigned: 3, // a6 was resolved two days past its 5-day deadline
      closed: 4,
      closedOnTime: 3,
      signed: 6, // all but the duplicate
      signedOnTime: 5, // a2 signed for after 48 h
      reportsDue: 3, // a2's report on time, a3's and a7's misses
      reportsOnTime: 1,
      firstFollowUps: 3, // a1, a2 (unsatisfied), a6
      firstSatisfied: 2,
      followUps: 4, // a2 was followed up twice
      satisfied: 3,
      resolved: 4, // first resolutions in March: a1, a2, a5, a6
      reworked: 1, // a2
    });
    expect(a.rates).toEqual({
      closeRate: 4 / 6,
      onTimeCloseRate: 3 / 4,
      signForRate: 5 / 6,
      reportRate: 1 / 3,
      firstSatisfactionRate: 2 / 3,
      satisfactionRate: 3 / 4,
      reworkRate: 1 / 4,
    });
  });

  it('times each segment of unit A in March: median and p90 (continuous) by the event that ends it', async () => {
    const a = (await byUnit(office)).find((g) => g.key === A)!;
    const s = a.segments;
    expect(s.triage).toEqual({ count: 1, medianSeconds: 6 * H, p90Seconds: 6 * H }); // a7
    expect(s.queue).toEqual({ count: 1, medianSeconds: 2 * H, p90Seconds: 2 * H }); // a1
    // sign-for 1, 2, 4, 10, 18, 48 h: median (4 + 10) / 2; p90 at rank 4.5 of 0…5: 18 + (48 − 18) / 2.
    expect(s.signFor).toEqual({ count: 6, medianSeconds: 7 * H, p90Seconds: 33 * H });
    // handling 72, 96 (a2's rework), 168, 192 h: median 132; p90 at rank 2.7: 168 + 0.7 × 24.
    expect(s.handling.count).toBe(4);
    expect(s.handling.medianSeconds).toBe(132 * H);
    expect(s.handling.p90Seconds).toBeCloseTo(184.8 * H, 6);
    expect(s.handlingExtended).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    // verification 24, 48, 48, 168 h: median 48; p90 at rank 2.7: 48 + 0.7 × 120.
    expect(s.verification.medianSeconds).toBe(48 * H);
    expect(s.verification.p90Seconds).toBeCloseTo(132 * H, 6);
  });

  it('counts a resolution made on time by an approved extension as on time, its extension apart (April)', async () => {
    const a = (await byUnit(office, APRIL)).find((g) => g.key === A)!;
    expect(a.counts).toMatchObject({ received: 0, closed: 1, closedOnTime: 1, resolved: 1 });
    // a3: signed for 03-04 12:00, resolved 04-10 12:00 (37 days), 10 days granted.
    expect(a.segments.handling.count).toBe(0);
    expect(a.segments.handlingExtended).toEqual({ count: 1, medianSeconds: 888 * H, p90Seconds: 888 * H });
    expect(a.segments.extension).toEqual({ count: 1, medianSeconds: 240 * H, p90Seconds: 240 * H });
  });

  it('counts a case in triage as received under no unit, and February’s case nowhere in March', async () => {
    const groups = await byUnit(office);
    expect(groups.map((g) => g.key)).toEqual(['', A, B, C]);
    expect(groups[0]!.counts).toMatchObject({ received: 1, assigned: 0 });
    const byKind = await loadStatistics(sql, office, { ...MARCH, groupBy: 'kind' });
    expect(byKind).toHaveLength(1);
    expect(byKind[0]!.counts).toMatchObject({ received: 14, closed: 10, followUps: 10 });
  });

  it('ranks by the Wilson lower bound and lists a one-case unit as 样本不足, neither first nor last', async () => {
    const groups = (await byUnit(office)).filter((g) => g.key !== '');
    const ranking = fairRanking(groups);
    // C: 5 of 5 → 0.5655; A: 3 of 6 → 0.1876; B: 1 of 1 would be 100 % but rests on one case.
    expect(ranking.ranked.map((r) => [r.unitId, r.rank, r.sample, r.successes])).toEqual([
      [C, 1, 5, 5],
      [A, 2, 6, 3],
    ]);
    expect(ranking.ranked[0]!.score).toBeCloseTo(0.5655175352, 9);
    expect(ranking.ranked[1]!.score).toBeCloseTo(0.1876163065, 9);
    // No unit is registered in this database, so no name.
    expect(ranking.insufficientSample).toEqual([{ unitId: B, unitName: null, sample: 1 }]);
  });

  it('bounds Wilson at the textbook values: 0 of n is 0, 1 of 1 is 0.2065', () => {
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.2065493144, 9);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });

  it('scopes like the ledger: a unit sees only the cases it handles, whatever it filters', async () => {
    const unitC: Viewer = { tokenId: 'c-token', role: 'unit', unitId: C };
    const seen = await byUnit(unitC);
    expect(seen.map((g) => g.key)).toEqual([C]);
    expect(seen[0]!.counts).toMatchObject({ received: 5, closed: 5 });
    expect(await byUnit(unitC, { unit: A })).toEqual([]);
  });
});
