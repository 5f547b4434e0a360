// The bulletin's ranking and its list of slow units (进度较慢单位), as pure functions of the figures,
// so the rule is one place and a test can check it by hand. The rank is the statistics' fair ranking
// (docs/statistics.md), the same one GET /v1/statistics answers; docs/supervision.md states the rest.
import type { FairRanking } from './statistics/fair-ranking';
import { FAIR_RANKING_RULE } from './statistics/fair-ranking';

/** A unit's figures for one period (docs/supervision.md "Bulletin figures" defines each). */
export interface UnitFigures {
  unitId: string;
  unitName: string | null;
  assigned: number;
  accepted: number;
  pendingAccept: number;
  inProgress: number;
  resolved: number;
  overdue: number;
  missedReports: number;
  escalations: number;
  medianAcceptSeconds: number | null;
  medianResolveSeconds: number | null;
}

export const SLOW_REASONS = ['overdue', 'escalated', 'missed_reports', 'slow_accept'] as const;
export type SlowReason = (typeof SLOW_REASONS)[number];

/** How the bulletin names each reason (进度较慢的原因). */
export const SLOW_REASON_LABELS: Record<SlowReason, string> = {
  overdue: '有超期',
  escalated: '被升级督办',
  missed_reports: '未按时上报',
  slow_accept: '签收慢',
};

export interface RankedUnit extends UnitFigures {
  /** 办结率 as docs/statistics.md defines it (closedOfAssigned ÷ closable); null when nothing was closable. */
  resolutionRate: number | null;
  /**
   * The fair ranking's rank (docs/statistics.md "Fair ranking"): equal scores share a rank (1, 2, 2, 4);
   * 0 for a unit under the minimum sample (样本不足), listed after the ranked units, neither first nor last.
   */
  rank: number;
  slowReasons: SlowReason[];
}

export interface RankingOptions {
  /** Median time to accept beyond this is slow (default: docs/domain.md's acceptWithin, P1D). */
  acceptWithinSeconds: number;
}

/** Rank 0: too few closable cases to be ranked (样本不足). */
export const INSUFFICIENT_SAMPLE_RANK = 0;

export const RANKING_RULE = `${FAIR_RANKING_RULE} (rank 0)`;

export function slowReasonsOf(u: UnitFigures, { acceptWithinSeconds }: RankingOptions): SlowReason[] {
  const reasons: SlowReason[] = [];
  if (u.overdue > 0) reasons.push('overdue');
  if (u.escalations > 0) reasons.push('escalated');
  if (u.missedReports > 0) reasons.push('missed_reports');
  if (u.medianAcceptSeconds !== null && u.medianAcceptSeconds > acceptWithinSeconds) reasons.push('slow_accept');
  return reasons;
}

/** What the statistics say of each unit in the period: its fair rank and its 办结率. */
export interface UnitStanding {
  ranking: Pick<FairRanking, 'ranked'>;
  closeRates: ReadonlyMap<string, number | null>;
}

export const NO_STANDING: UnitStanding = { ranking: { ranked: [] }, closeRates: new Map() };

/** Ranks the units by the statistics' fair ranking: ranked units by rank, then 样本不足 ones, each by unit id. */
export function rankUnits(
  units: readonly UnitFigures[],
  options: RankingOptions,
  standing: UnitStanding = NO_STANDING,
): RankedUnit[] {
  const rankOf = new Map(standing.ranking.ranked.map((r) => [r.unitId, r.rank]));
  const ranked = units.map((unit) => ({
    ...unit,
    resolutionRate: standing.closeRates.get(unit.unitId) ?? null,
    rank: rankOf.get(unit.unitId) ?? INSUFFICIENT_SAMPLE_RANK,
    slowReasons: slowReasonsOf(unit, options),
  }));
  const order = (u: RankedUnit) => (u.rank === INSUFFICIENT_SAMPLE_RANK ? Number.MAX_SAFE_INTEGER : u.rank);
  return ranked.sort((a, b) => order(a) - order(b) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}
