// The bulletin's ranking and its list of slow units (进度较慢单位), as pure functions of the figures,
// so the rule is one place and a test can check it by hand. docs/supervision.md states the rule.

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
  /** resolved ÷ (resolved + pendingAccept + inProgress); null when the unit held no case. */
  resolutionRate: number | null;
  /** Competition ranking: units equal on every key share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
  slowReasons: SlowReason[];
}

export interface RankingOptions {
  /** Median time to accept beyond this is slow (default: docs/domain.md's acceptWithin, P1D). */
  acceptWithinSeconds: number;
}

export const RANKING_RULE =
  'resolution rate (resolved ÷ (resolved + awaiting sign-for + in progress)) high to low, units holding no case last; ' +
  'ties: fewer overdue, fewer escalations, fewer missed reports, shorter median time to accept (none last)';

const workload = (u: UnitFigures) => u.resolved + u.pendingAccept + u.inProgress;

/** Compares resolution rates exactly (cross-multiplied), higher first; no workload sorts last. */
function byRate(a: UnitFigures, b: UnitFigures): number {
  const wa = workload(a);
  const wb = workload(b);
  if (wa === 0 || wb === 0) return (wa === 0 ? 1 : 0) - (wb === 0 ? 1 : 0);
  return b.resolved * wa - a.resolved * wb;
}

const ascendingNullsLast = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;

function compareUnits(a: UnitFigures, b: UnitFigures): number {
  return (
    byRate(a, b) ||
    a.overdue - b.overdue ||
    a.escalations - b.escalations ||
    a.missedReports - b.missedReports ||
    ascendingNullsLast(a.medianAcceptSeconds, b.medianAcceptSeconds)
  );
}

export function slowReasonsOf(u: UnitFigures, { acceptWithinSeconds }: RankingOptions): SlowReason[] {
  const reasons: SlowReason[] = [];
  if (u.overdue > 0) reasons.push('overdue');
  if (u.escalations > 0) reasons.push('escalated');
  if (u.missedReports > 0) reasons.push('missed_reports');
  if (u.medianAcceptSeconds !== null && u.medianAcceptSeconds > acceptWithinSeconds) reasons.push('slow_accept');
  return reasons;
}

/** Ranks the units (unit id breaks the remaining ties for a stable order only, not the rank). */
export function rankUnits(units: readonly UnitFigures[], options: RankingOptions): RankedUnit[] {
  const sorted = [...units].sort((a, b) => compareUnits(a, b) || (a.unitId < b.unitId ? -1 : 1));
  const ranked: RankedUnit[] = [];
  sorted.forEach((unit, index) => {
    const previous = ranked[index - 1];
    const rank = previous && compareUnits(previous, unit) === 0 ? previous.rank : index + 1;
    const total = workload(unit);
    ranked.push({
      ...unit,
      resolutionRate: total === 0 ? null : unit.resolved / total,
      rank,
      slowReasons: slowReasonsOf(unit, options),
    });
  });
  return ranked;
}
