import type { BulletinKind } from '../contracts/supervision';
import type { Viewer } from '../domain/access';
import { assembleBulletin, type Bulletin, type BulletinTotals } from '../supervision/bulletin';
import type { Period } from '../supervision/periods';
import type { RankingOptions } from '../supervision/ranking';
import { fairRanking } from '../supervision/statistics/fair-ranking';
import { loadUnitFigures } from './bulletin-figures';
import { loadStatistics } from './statistics';
import { transaction, type Db } from './sql';

// 周调度、月小结: computed from the audit trail on demand, or stored by the scheduled workflows.

/** The bulletin reads as the office does: every case. */
const BULLETIN_VIEWER: Viewer = { tokenId: 'bulletin', role: 'office', unitId: null };

/** Computes the bulletin of `period` as of `now` (figures of a period not yet over are as of now). */
export async function computeBulletin(
  db: Db,
  kind: BulletinKind,
  period: Period,
  now: Date = new Date(),
  settings?: RankingOptions,
): Promise<Bulletin> {
  // A period still running is counted up to now, so "in progress" means "in progress now".
  const endsAt = Math.min(Date.parse(period.endsAt), now.getTime());
  const bounds = { startsAt: period.startsAt, endsAt: new Date(endsAt).toISOString() };
  const figures = await loadUnitFigures(db, bounds);
  // The same statistics GET /v1/statistics answers the office, so the bulletin ranks as they do.
  const groups = await loadStatistics(db, BULLETIN_VIEWER, {
    from: bounds.startsAt,
    to: bounds.endsAt,
    groupBy: 'unit',
  });
  const standing = {
    ranking: fairRanking(groups.filter((g) => g.key !== '')),
    closeRates: new Map(groups.map((g) => [g.key, g.rates.closeRate])),
  };
  return assembleBulletin(kind, period, { ...figures, standing }, now, settings);
}

/** Stores the bulletin, replacing any stored for the same period, header and unit rows together. */
export async function storeBulletin(db: Db, b: Bulletin): Promise<void> {
  await transaction(db, async (tx) => {
    await tx`
      INSERT INTO bulletins (kind, period, starts_at, ends_at, computed_at, totals, settings)
      VALUES (${b.kind}, ${b.period}, ${b.startsAt}, ${b.endsAt}, ${b.computedAt}, ${tx.json(b.totals)},
              ${tx.json(b.settings as never)})
      ON CONFLICT (kind, period) DO UPDATE SET
        starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, computed_at = EXCLUDED.computed_at,
        totals = EXCLUDED.totals, settings = EXCLUDED.settings`;
    await tx`DELETE FROM bulletin_units WHERE kind = ${b.kind} AND period = ${b.period}`;
    if (b.units.length === 0) return;
    const rows = b.units.map((u) => ({
      kind: b.kind,
      period: b.period,
      unit_id: u.unitId,
      unit_name: u.unitName,
      rank: u.rank,
      assigned: u.assigned,
      accepted: u.accepted,
      pending_accept: u.pendingAccept,
      in_progress: u.inProgress,
      resolved: u.resolved,
      overdue: u.overdue,
      missed_reports: u.missedReports,
      escalations: u.escalations,
      median_accept_seconds: u.medianAcceptSeconds,
      median_resolve_seconds: u.medianResolveSeconds,
      resolution_rate: u.resolutionRate,
      slow_reasons: u.slowReasons,
    }));
    await tx`INSERT INTO bulletin_units ${tx(rows)}`;
  });
}

interface HeaderRow {
  startsAt: Date;
  endsAt: Date;
  computedAt: Date;
  totals: BulletinTotals;
  settings: RankingOptions;
}

/** The stored bulletin of a period, rebuilt exactly as it was stored; null when none was. */
export async function loadBulletin(db: Db, kind: BulletinKind, period: string): Promise<Bulletin | null> {
  const [header] = await db<HeaderRow[]>`
    SELECT starts_at AS "startsAt", ends_at AS "endsAt", computed_at AS "computedAt", totals, settings
    FROM bulletins WHERE kind = ${kind} AND period = ${period}`;
  if (!header) return null;
  const units = await db<Bulletin['units']>`
    SELECT unit_id AS "unitId", unit_name AS "unitName", rank, assigned, accepted, pending_accept AS "pendingAccept",
           in_progress AS "inProgress", resolved, overdue, missed_reports AS "missedReports", escalations,
           median_accept_seconds AS "medianAcceptSeconds", median_resolve_seconds AS "medianResolveSeconds",
           resolution_rate AS "resolutionRate", slow_reasons AS "slowReasons"
    FROM bulletin_units WHERE kind = ${kind} AND period = ${period}
    ORDER BY rank, unit_id`;
  const stored = assembleBulletin(
    kind,
    { kind: kind === 'weekly' ? 'week' : 'month', label: period, ...isoBounds(header) },
    { units: [], totals: header.totals },
    header.computedAt,
    header.settings,
  );
  return {
    ...stored,
    units: [...units],
    slowUnits: units
      .filter((u) => u.slowReasons.length > 0)
      .map((u) => ({ unitId: u.unitId, unitName: u.unitName, reasons: u.slowReasons })),
  };
}

const isoBounds = (h: HeaderRow) => ({ startsAt: h.startsAt.toISOString(), endsAt: h.endsAt.toISOString() });

/** The units every bulletin goes to: the office (活动办) and the leadership group (领导小组). */
export async function loadBulletinSupervisors(db: Db): Promise<string[]> {
  const rows = await db<{ id: string }[]>`SELECT id FROM units WHERE kind IN ('office', 'leadership') ORDER BY id`;
  return rows.map((r) => r.id);
}
