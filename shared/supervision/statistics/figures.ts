// One group's statistics (a unit, category, kind or locality over a period): the counts the database
// computed and the rates derived from them here, so every rate is one division written once.
import { COUNT_KEYS, SEGMENT_KEYS, type CountKey, type RateKey, type SegmentKey } from './definitions';

export type Counts = Record<CountKey, number>;

/** Median and 90th percentile (continuous, as PostgreSQL's percentile_cont) over `count` samples, in seconds. */
export interface SegmentTimes {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface GroupStatistics {
  key: string;
  name: string | null;
  counts: Counts;
  /** Each rate as a fraction in [0, 1]; null when its denominator is 0. */
  rates: Record<RateKey, number | null>;
  segments: Record<SegmentKey, SegmentTimes>;
}

export const zeroCounts = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;

export const emptySegments = (): Record<SegmentKey, SegmentTimes> =>
  Object.fromEntries(SEGMENT_KEYS.map((k) => [k, { count: 0, medianSeconds: null, p90Seconds: null }])) as Record<
    SegmentKey,
    SegmentTimes
  >;

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** docs/statistics.md "Rates": each numerator and denominator is a count of the same group and period. */
export function ratesOf(c: Counts): Record<RateKey, number | null> {
  return {
    closeRate: ratio(c.closedOfAssigned, c.closable),
    onTimeCloseRate: ratio(c.closedOnTime, c.closed),
    signForRate: ratio(c.signedOnTime, c.signed),
    reportRate: ratio(c.reportsOnTime, c.reportsDue),
    firstSatisfactionRate: ratio(c.firstSatisfied, c.firstFollowUps),
    satisfactionRate: ratio(c.satisfied, c.followUps),
    reworkRate: ratio(c.reworked, c.resolved),
  };
}

/**
 * The whole answer's counts and rates: every case and mark falls in one group (its lead, category,
 * kind or locality), so the groups' counts add up, and the rates are taken from the sums as for a
 * group. Segment times are percentiles and do not add: the totals have none.
 */
export function totalsOf(groups: readonly GroupStatistics[]): Pick<GroupStatistics, 'counts' | 'rates'> {
  const counts = zeroCounts();
  for (const group of groups) for (const key of COUNT_KEYS) counts[key] += group.counts[key];
  return { counts, rates: ratesOf(counts) };
}
