// The fair ranking (公平排名): units ranked by a score that accounts for how many cases it rests on, and
// units with too few cases listed apart as 样本不足 — neither first nor last. docs/statistics.md states it.
import type { Counts } from './figures';

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The lower bound of the Wilson score interval (95 %) for k successes in n trials: the proportion the
 * unit is, with 95 % confidence, at least at. It shrinks toward 0 as n shrinks, so 1 of 1 (0.21) ranks
 * below 45 of 50 (0.79), and it is 0 for k = 0 whatever n.
 */
export function wilsonLowerBound(k: number, n: number, z: number = Z95): number {
  if (n === 0) return 0;
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

export interface FairRankingOptions {
  /** Units with fewer closable cases than this are 样本不足 (default 5). */
  minimumSample: number;
}

export const DEFAULT_FAIR_RANKING: FairRankingOptions = { minimumSample: 5 };

export const FAIR_RANKING_RULE =
  'score = Wilson 95 % lower bound of (closed on time ÷ closable), over the cases assigned in the period: ' +
  'a case counts as a success when it was closed (办结, resolved or on_spot) by the period end and its last ' +
  'resolution met the deadline in force (approved extensions included); high to low, equal scores share a rank; ' +
  'units with fewer closable cases than the minimum sample are listed apart as 样本不足';

export interface RankedEntry {
  unitId: string;
  unitName: string | null;
  rank: number;
  score: number;
  /** closedOnTimeOfAssigned ÷ closable, the proportion before the sample-size correction. */
  proportion: number;
  successes: number;
  sample: number;
}

export interface FairRanking {
  rule: string;
  minimumSample: number;
  ranked: RankedEntry[];
  /** 样本不足: not ranked, listed by unit id. */
  insufficientSample: Array<{ unitId: string; unitName: string | null; sample: number }>;
}

interface RankInput {
  key: string;
  name: string | null;
  counts: Pick<Counts, 'closable' | 'closedOnTimeOfAssigned'>;
}

export function fairRanking(
  units: readonly RankInput[],
  options: FairRankingOptions = DEFAULT_FAIR_RANKING,
): FairRanking {
  const enough = units.filter((u) => u.counts.closable >= options.minimumSample);
  const scored = enough
    .map((u) => ({
      unitId: u.key,
      unitName: u.name,
      score: wilsonLowerBound(u.counts.closedOnTimeOfAssigned, u.counts.closable),
      proportion: u.counts.closedOnTimeOfAssigned / u.counts.closable,
      successes: u.counts.closedOnTimeOfAssigned,
      sample: u.counts.closable,
    }))
    .sort((a, b) => b.score - a.score || (a.unitId < b.unitId ? -1 : 1));
  const ranked: RankedEntry[] = [];
  scored.forEach((entry, index) => {
    const previous = ranked[index - 1];
    ranked.push({ ...entry, rank: previous && previous.score === entry.score ? previous.rank : index + 1 });
  });
  return {
    rule: FAIR_RANKING_RULE,
    minimumSample: options.minimumSample,
    ranked,
    insufficientSample: units
      .filter((u) => u.counts.closable < options.minimumSample)
      .map((u) => ({ unitId: u.key, unitName: u.name, sample: u.counts.closable }))
      .sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
  };
}
