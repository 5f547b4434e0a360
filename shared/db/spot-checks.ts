import type { Actor } from '../domain/actor';
import type { Db } from './sql';

// Reading a day's spot-check sample with what each check is about, and recording a result.

export type SpotCheckResult = 'pending' | 'passed' | 'failed';

export interface SpotCheckVisit {
  targetType: string;
  targetName: string;
  locality: string;
  unitId: string | null;
  visitedAt: Date;
}

export interface SpotCheckCase {
  title: string;
  status: string;
  closeReason: string | null;
  lead: string | null;
  locality: string;
  closedAt: Date | null;
}

export interface SpotCheck {
  id: string;
  date: string;
  subjectType: 'visit' | 'case';
  subjectId: string;
  position: number;
  result: SpotCheckResult;
  note: string | null;
  checkedBy: Actor | null;
  checkedAt: Date | null;
  visit: SpotCheckVisit | null;
  case: SpotCheckCase | null;
}

export interface SpotCheckDay {
  date: string;
  drawnAt: Date;
  visitPopulation: number;
  casePopulation: number;
}

type Flat = Omit<SpotCheck, 'visit' | 'case'> & {
  visitTargetType: string | null;
  visitTargetName: string | null;
  visitLocality: string | null;
  visitUnitId: string | null;
  visitedAt: Date | null;
  caseTitle: string | null;
  caseStatus: string | null;
  caseCloseReason: string | null;
  caseLead: string | null;
  caseLocality: string | null;
  caseClosedAt: Date | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const select = (db: Db) => db`
  SELECT s.id, to_char(s.date, 'YYYY-MM-DD') AS date, s.subject_type AS "subjectType", s.subject_id AS "subjectId",
         s.position, s.result, s.note, s.checked_by AS "checkedBy", s.checked_at AS "checkedAt",
         v.target_type AS "visitTargetType", v.target_name AS "visitTargetName", v.locality AS "visitLocality",
         v.unit_id AS "visitUnitId", v.visited_at AS "visitedAt",
         c.title AS "caseTitle", c.status AS "caseStatus", c.close_reason AS "caseCloseReason",
         c.lead_unit_id AS "caseLead", c.locality AS "caseLocality", c.closed_at AS "caseClosedAt"
  FROM spot_checks s
  -- CASE keeps the uuid cast away from case ids, and lets the join use the visits' primary key.
  LEFT JOIN visits v ON v.id = CASE WHEN s.subject_type = 'visit' THEN s.subject_id::uuid END
  LEFT JOIN cases c ON s.subject_type = 'case' AND c.id = s.subject_id`;

function nest(row: Flat): SpotCheck {
  const { visitTargetType, visitTargetName, visitLocality, visitUnitId, visitedAt, ...rest } = row;
  const { caseTitle, caseStatus, caseCloseReason, caseLead, caseLocality, caseClosedAt, ...check } = rest;
  return {
    ...check,
    visit:
      visitTargetType === null
        ? null
        : {
            targetType: visitTargetType,
            targetName: visitTargetName ?? '',
            locality: visitLocality ?? '',
            unitId: visitUnitId,
            visitedAt: visitedAt!,
          },
    case:
      caseTitle === null
        ? null
        : {
            title: caseTitle,
            status: caseStatus ?? '',
            closeReason: caseCloseReason,
            lead: caseLead,
            locality: caseLocality ?? '',
            closedAt: caseClosedAt,
          },
  };
}

/** The day's sample, visits first then cases, each in the order drawn; null when not drawn yet. */
export async function listSpotChecks(db: Db, date: string): Promise<{ day: SpotCheckDay; items: SpotCheck[] } | null> {
  const [day] = await db<SpotCheckDay[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date, drawn_at AS "drawnAt", visit_population AS "visitPopulation",
           case_population AS "casePopulation"
    FROM spot_check_days WHERE date = ${date}`;
  if (!day) return null;
  const rows = await db<Flat[]>`${select(db)} WHERE s.date = ${date} ORDER BY s.subject_type DESC, s.position`;
  return { day, items: rows.map(nest) };
}

export async function getSpotCheck(db: Db, id: string): Promise<SpotCheck | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db<Flat[]>`${select(db)} WHERE s.id = ${id}`;
  return row ? nest(row) : null;
}

/**
 * Records the result of a pending check. Null when it was no longer pending (someone recorded it
 * first): the caller reads it again and reports what is stored.
 */
export async function recordSpotCheckResult(
  db: Db,
  id: string,
  outcome: { passed: boolean; note: string | null; actor: Actor },
): Promise<boolean> {
  const rows = await db`
    UPDATE spot_checks
    SET result = ${outcome.passed ? 'passed' : 'failed'}, note = ${outcome.note},
        checked_by = ${db.json(outcome.actor as never)}, checked_at = now()
    WHERE id = ${id} AND result = 'pending'
    RETURNING id`;
  return rows.length === 1;
}
