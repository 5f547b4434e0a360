import type { UnitFigures } from '../supervision/ranking';
import type { Db } from './sql';

// The figures of a weekly bulletin or monthly summary, per unit and for the whole city, from the
// audit trail (case_events) and its escalation projection (case_escalations). Each query groups by
// GROUPING SETS ((unit), ()): the () row is the city's total, counted over distinct cases, so a case
// handed to two units in one period counts once in the total. docs/supervision.md defines each figure.

export type Figures = Omit<UnitFigures, 'unitId' | 'unitName'>;

interface Bounds {
  startsAt: string;
  endsAt: string;
}

type Row = { unitId: string | null; total: boolean } & Partial<Record<keyof Figures, number | null>>;

const empty = (): Figures => ({
  assigned: 0,
  accepted: 0,
  pendingAccept: 0,
  inProgress: 0,
  resolved: 0,
  overdue: 0,
  missedReports: 0,
  escalations: 0,
  medianAcceptSeconds: null,
  medianResolveSeconds: null,
});

/** Hand-overs, sign-fors and resolutions in the period, by the unit that received or did them. */
const flows = (db: Db, { startsAt, endsAt }: Bounds) => db<Row[]>`
  SELECT unit_id AS "unitId", GROUPING(unit_id) = 1 AS total,
         count(DISTINCT case_id) FILTER (WHERE type IN ('dispatched', 'assigned'))::int AS assigned,
         count(DISTINCT case_id) FILTER (WHERE type = 'accepted')::int AS accepted,
         count(DISTINCT case_id) FILTER (WHERE type = 'resolved')::int AS resolved
  FROM (SELECT case_id, type,
               CASE WHEN type IN ('dispatched', 'assigned') THEN data ->> 'lead' ELSE data ->> 'unitId' END AS unit_id
        FROM case_events
        WHERE type IN ('dispatched', 'assigned', 'accepted', 'resolved') AND at >= ${startsAt} AND at < ${endsAt}) e
  WHERE unit_id <> ''
  GROUP BY GROUPING SETS ((unit_id), ())`;

/** Missed reports and escalations in the period, by the lead at the time (case_escalations.unit_id). */
const escalations = (db: Db, { startsAt, endsAt }: Bounds) => db<Row[]>`
  SELECT unit_id AS "unitId", GROUPING(unit_id) = 1 AS total,
         count(*) FILTER (WHERE kind = 'report_missed')::int AS "missedReports",
         count(*) FILTER (WHERE kind = 'escalation')::int AS escalations,
         count(DISTINCT case_id) FILTER (WHERE kind = 'escalation' AND reason = 'overdue')::int AS overdue
  FROM case_escalations
  WHERE kind IN ('report_missed', 'escalation') AND at >= ${startsAt} AND at < ${endsAt} AND unit_id IS NOT NULL
  GROUP BY GROUPING SETS ((unit_id), ())`;

/**
 * Medians: to accept, from the hand-over (the case's last dispatched/assigned before the sign-for);
 * to resolve, from the unit's sign-for or the rework that reopened the case, whichever came last.
 */
const medians = (db: Db, { startsAt, endsAt }: Bounds) => db<Row[]>`
  WITH spans AS (
    SELECT d.data ->> 'unitId' AS unit_id, d.type, extract(epoch FROM d.at - s.at)::float8 AS seconds
    FROM case_events d
    JOIN LATERAL (
      SELECT at FROM case_events s
      WHERE s.case_id = d.case_id AND s.seq < d.seq
        AND s.type = ANY (CASE WHEN d.type = 'accepted' THEN ARRAY['dispatched', 'assigned']
                               ELSE ARRAY['accepted', 'reopened'] END)
      ORDER BY s.seq DESC LIMIT 1) s ON true
    WHERE d.type IN ('accepted', 'resolved') AND d.at >= ${startsAt} AND d.at < ${endsAt}
  )
  SELECT unit_id AS "unitId", GROUPING(unit_id) = 1 AS total,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE type = 'accepted') AS "medianAcceptSeconds",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE type = 'resolved') AS "medianResolveSeconds"
  FROM spans WHERE unit_id <> ''
  GROUP BY GROUPING SETS ((unit_id), ())`;

/**
 * What each unit holds when the period ends: the case's last status-changing event before the end
 * gives its status then, its last hand-over the lead. Only cases reported before the end and not
 * closed for good before the start can be open at the end, which bounds the scan.
 */
const holdings = (db: Db, { startsAt, endsAt }: Bounds) => db<Row[]>`
  SELECT lead AS "unitId", GROUPING(lead) = 1 AS total,
         count(*) FILTER (WHERE status = 'assigned')::int AS "pendingAccept",
         count(*) FILTER (WHERE status = 'in_progress')::int AS "inProgress"
  FROM (
    SELECT CASE s.type
             WHEN 'dispatched' THEN 'assigned' WHEN 'assigned' THEN 'assigned'
             WHEN 'accepted' THEN 'in_progress'
             WHEN 'reopened' THEN CASE WHEN s.data ->> 'deadline' IS NULL THEN 'triage' ELSE 'in_progress' END
             ELSE 'other' END AS status,
           h.lead
    FROM cases c
    JOIN LATERAL (
      SELECT type, data FROM case_events e
      WHERE e.case_id = c.id AND e.at < ${endsAt}
        AND e.type IN ('reported', 'triaged', 'queued', 'dispatched', 'assigned', 'accepted', 'returned',
                       'resolved', 'reopened', 'closed')
      ORDER BY e.seq DESC LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT data ->> 'lead' AS lead FROM case_events e
      WHERE e.case_id = c.id AND e.at < ${endsAt} AND e.type IN ('dispatched', 'assigned')
      ORDER BY e.seq DESC LIMIT 1) h ON true
    WHERE c.reported_at < ${endsAt} AND (c.closed_at IS NULL OR c.closed_at >= ${startsAt})
  ) x
  WHERE status IN ('assigned', 'in_progress') AND lead IS NOT NULL
  GROUP BY GROUPING SETS ((lead), ())`;

/**
 * Every figure per unit, plus the city's totals. Units that handle cases (departments and
 * townships) are listed even when they had nothing in the period; other units only when they did.
 */
export async function loadUnitFigures(db: Db, bounds: Bounds): Promise<{ units: UnitFigures[]; totals: Figures }> {
  const results = await Promise.all([
    flows(db, bounds),
    escalations(db, bounds),
    medians(db, bounds),
    holdings(db, bounds),
  ]);
  const registry = await db<{ id: string; name: string; handles: boolean }[]>`
    SELECT id, name, kind IN ('department', 'township') AS handles FROM units ORDER BY id`;

  const totals = empty();
  const byUnit = new Map<string, Figures>();
  for (const unit of registry) if (unit.handles) byUnit.set(unit.id, empty());
  for (const rows of results) {
    for (const { unitId, total, ...values } of rows) {
      const target = total ? totals : (byUnit.get(unitId!) ?? byUnit.set(unitId!, empty()).get(unitId!)!);
      for (const [key, value] of Object.entries(values)) {
        if (value !== null && value !== undefined) (target as unknown as Record<string, number>)[key] = Number(value);
      }
    }
  }
  const names = new Map(registry.map((u) => [u.id, u.name]));
  const units = [...byUnit].map(([unitId, figures]) => ({ unitId, unitName: names.get(unitId) ?? null, ...figures }));
  return { units, totals };
}
