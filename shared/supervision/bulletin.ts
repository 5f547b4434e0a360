// A weekly bulletin (周调度进度通报) or monthly summary (月小结): per-unit figures, the ranking and the
// slow units, for one week or month on the campaign clock. Assembled here from figures the database
// computed; the rank and 办结率 are the statistics' (docs/statistics.md), as GET /v1/statistics answers them.
import { parseDuration } from '../durations';
import type { BulletinKind } from '../contracts/supervision';
import type { Period } from './periods';
import {
  RANKING_RULE,
  rankUnits,
  type RankedUnit,
  type RankingOptions,
  type SlowReason,
  type UnitFigures,
  type UnitStanding,
} from './ranking';

export type BulletinTotals = Omit<UnitFigures, 'unitId' | 'unitName'>;

export interface Bulletin {
  kind: BulletinKind;
  period: string;
  startsAt: string;
  endsAt: string;
  computedAt: string;
  /** The period had ended when the figures were computed: they will not change any more. */
  complete: boolean;
  units: RankedUnit[];
  totals: BulletinTotals;
  slowUnits: Array<{ unitId: string; unitName: string | null; reasons: SlowReason[] }>;
  rankingRule: string;
  settings: RankingOptions;
}

/** docs/domain.md's default acceptWithin (P1D); categories may set another, the bulletin judges by this one. */
export const DEFAULT_RANKING_OPTIONS: RankingOptions = { acceptWithinSeconds: parseDuration('P1D') / 1000 };

export const periodKindOf = (kind: BulletinKind) => (kind === 'weekly' ? 'week' : 'month');

export function assembleBulletin(
  kind: BulletinKind,
  period: Period,
  figures: { units: UnitFigures[]; totals: BulletinTotals; standing?: UnitStanding },
  computedAt: Date,
  settings: RankingOptions = DEFAULT_RANKING_OPTIONS,
): Bulletin {
  const units = rankUnits(figures.units, settings, figures.standing);
  return {
    kind,
    period: period.label,
    startsAt: period.startsAt,
    endsAt: period.endsAt,
    computedAt: computedAt.toISOString(),
    complete: computedAt.getTime() >= Date.parse(period.endsAt),
    units,
    totals: figures.totals,
    slowUnits: units
      .filter((u) => u.slowReasons.length > 0)
      .map((u) => ({ unitId: u.unitId, unitName: u.unitName, reasons: u.slowReasons })),
    rankingRule: RANKING_RULE,
    settings,
  };
}
