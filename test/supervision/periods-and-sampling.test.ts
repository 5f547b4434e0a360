// Pure rules of supervision: Beijing weeks and months, the seeded spot-check draw, the dates field
// teams write, and the bulletin's ranking, each checked by hand.
import { describe, expect, it } from 'vitest';
import { campaignDate } from '../../shared/domain/campaign-clock';
import {
  dayPeriod,
  daysBefore,
  lastCompletePeriod,
  monthPeriod,
  periodContaining,
  weekPeriod,
} from '../../shared/supervision/periods';
import { rankUnits, type UnitFigures } from '../../shared/supervision/ranking';
import { drawSample, sampleSize, spotCheckSeed } from '../../shared/supervision/sampling';
import { parseVisitTime } from '../../shared/supervision/visit-time';
import { zero } from './support/bulletin-week';

describe('periods on Beijing time', () => {
  it('an ISO week runs Monday 00:00 to Monday 00:00 in Beijing (UTC+8)', () => {
    expect(weekPeriod('2026-W48')).toEqual({
      kind: 'week',
      label: '2026-W48',
      startsAt: '2026-11-22T16:00:00.000Z',
      endsAt: '2026-11-29T16:00:00.000Z',
    });
    // Week 1 is the week with January 4th: 2026-W01 starts on Monday 2025-12-29.
    expect(weekPeriod('2026-W01')?.startsAt).toBe('2025-12-28T16:00:00.000Z');
  });

  it('a 53rd week exists only in years that have one, and week 0 never', () => {
    expect(weekPeriod('2026-W53')?.startsAt).toBe('2026-12-27T16:00:00.000Z'); // 2026 starts on a Thursday
    expect(weekPeriod('2027-W53')).toBeNull();
    expect(weekPeriod('2026-W00')).toBeNull();
  });

  it('a month and a day end at Beijing midnight; impossible dates are refused', () => {
    expect(monthPeriod('2026-11')).toMatchObject({
      startsAt: '2026-10-31T16:00:00.000Z',
      endsAt: '2026-11-30T16:00:00.000Z',
    });
    expect(monthPeriod('2026-12')?.endsAt).toBe('2026-12-31T16:00:00.000Z');
    expect(monthPeriod('2026-13')).toBeNull();
    expect(dayPeriod('2026-02-29')).toBeNull();
    expect(dayPeriod('2028-02-29')?.startsAt).toBe('2028-02-28T16:00:00.000Z');
  });

  it('an instant belongs to the Beijing day, week and month its wall clock shows', () => {
    const sundayNightUtc = Date.parse('2026-11-29T15:59:59Z'); // Sunday 23:59:59 in Beijing
    expect(periodContaining('week', sundayNightUtc).label).toBe('2026-W48');
    expect(periodContaining('week', sundayNightUtc + 1000).label).toBe('2026-W49');
    expect(periodContaining('month', Date.parse('2026-11-30T16:00:00Z')).label).toBe('2026-12');
    expect(campaignDate('2026-11-30T16:30:00Z')).toBe('2026-12-01');
  });

  it('the last complete period is yesterday, last week, last month (what the schedules report)', () => {
    const mondayMorning = Date.parse('2026-11-30T00:30:00Z'); // Monday 08:30 in Beijing
    expect(lastCompletePeriod('day', mondayMorning).label).toBe('2026-11-29');
    expect(lastCompletePeriod('week', mondayMorning).label).toBe('2026-W48');
    expect(lastCompletePeriod('month', Date.parse('2026-12-01T01:00:00Z')).label).toBe('2026-11');
    expect(daysBefore('2026-12-01', 6)).toBe('2026-11-25');
  });
});

describe('the spot-check draw', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `visit-${String(i).padStart(3, '0')}`);

  it('draws 10% with a minimum of 3, never more than there is', () => {
    const settings = { rate: 0.1, minimum: 3 };
    expect([0, 1, 2, 5, 29, 30, 31, 200].map((n) => sampleSize(n, settings))).toEqual([0, 1, 2, 3, 3, 3, 4, 20]);
  });

  it('is the same sample for the same date and population, and a different one for another date', () => {
    const a = drawSample(ids, 20, spotCheckSeed('2026-11-26', 'visit'));
    expect(drawSample(ids, 20, spotCheckSeed('2026-11-26', 'visit'))).toEqual(a);
    expect(new Set(a).size).toBe(20);
    const b = drawSample(ids, 20, spotCheckSeed('2026-11-27', 'visit'));
    expect(b).not.toEqual(a);
    expect(drawSample(ids, 20, spotCheckSeed('2026-11-26', 'case'))).not.toEqual(a);
  });

  it('spreads over the population: every id is drawn about as often over many dates', () => {
    const hits = new Map<string, number>();
    for (let d = 0; d < 400; d++) {
      for (const id of drawSample(ids, 20, spotCheckSeed(daysBefore('2026-11-27', d), 'visit'))) {
        hits.set(id, (hits.get(id) ?? 0) + 1);
      }
    }
    // 400 draws of 20 from 200: each id expects 40; a fair draw keeps every one well within 15..70.
    expect(hits.size).toBe(200);
    expect(Math.min(...hits.values())).toBeGreaterThan(15);
    expect(Math.max(...hits.values())).toBeLessThan(70);
  });
});

describe('visit dates as field teams write them', () => {
  it('reads bare dates as Beijing days and times as Beijing wall clock', () => {
    const day = { visitedAt: '2026-11-29T16:00:00.000Z', visitedOn: '2026-11-30' };
    for (const text of ['2026-11-30', '2026/11/30', '2026.11.30', '2026年11月30日', ' 2026-11-30 ']) {
      expect(parseVisitTime(text)).toEqual(day);
    }
    expect(parseVisitTime('2026/11/30 09:30')).toEqual({
      visitedAt: '2026-11-30T01:30:00.000Z',
      visitedOn: '2026-11-30',
    });
    expect(parseVisitTime('2026-11-30T23:30:00Z')).toEqual({
      visitedAt: '2026-11-30T23:30:00.000Z',
      visitedOn: '2026-12-01',
    });
  });

  it('refuses what is not a date', () => {
    for (const text of ['2026-02-30', '30/11/2026', '昨天', '2026-11-30 25:00', ''])
      expect(parseVisitTime(text)).toBeNull();
  });
});

describe('the bulletin ranking', () => {
  const unit = (unitId: string, f: Partial<UnitFigures>): UnitFigures => ({
    unitId,
    unitName: unitId,
    ...zero,
    ...f,
  });

  // Issue 14 replaced the old rule (resolved ÷ workload, which put a unit with one resolved case first):
  // the rank is the statistics' fair ranking, 样本不足 units (rank 0) after the ranked ones.
  it('ranks by the fair ranking: ranked units by rank, then units under the minimum sample (rank 0) by id', () => {
    const ranked = rankUnits(
      [unit('one-case', {}), unit('second', {}), unit('first', {}), unit('also-second', {})],
      { acceptWithinSeconds: 86_400 },
      {
        ranking: {
          ranked: [
            { unitId: 'first', unitName: null, rank: 1, score: 0.6, proportion: 1, successes: 6, sample: 6 },
            { unitId: 'second', unitName: null, rank: 2, score: 0.3, proportion: 0.5, successes: 3, sample: 6 },
            { unitId: 'also-second', unitName: null, rank: 2, score: 0.3, proportion: 0.5, successes: 3, sample: 6 },
          ],
        },
        closeRates: new Map([
          ['first', 1],
          ['one-case', 1],
        ]),
      },
    );
    expect(ranked.map((u) => [u.unitId, u.rank, u.resolutionRate])).toEqual([
      ['first', 1, 1],
      ['also-second', 2, null],
      ['second', 2, null],
      ['one-case', 0, 1],
    ]);
  });

  it('names a unit slow for an overdue case, an escalation, a missed report or a median sign-for beyond policy', () => {
    const ranked = rankUnits(
      [
        unit('late', { medianAcceptSeconds: 90_000, overdue: 1, escalations: 2, missedReports: 1 }),
        unit('on-time', { medianAcceptSeconds: 86_400 }),
      ],
      { acceptWithinSeconds: 86_400 },
    );
    expect(ranked.map((u) => [u.unitId, u.slowReasons])).toEqual([
      ['late', ['overdue', 'escalated', 'missed_reports', 'slow_accept']],
      ['on-time', []],
    ]);
  });
});
