import type { Actor } from '../domain/actor';
import type { TargetType } from '../domain/enums';
import type { Db } from './sql';

// 走访: one visit by a team to a household, village, community, enterprise or school.

export interface NewVisit {
  id: string;
  campaignId: string;
  targetType: TargetType;
  targetName: string;
  locality: string;
  unitId: string | null;
  visitedAt: string;
  /** The day in Beijing of visitedAt (the spot check's day). */
  visitedOn: string;
  notes: string | null;
  recordedBy: Actor;
}

export interface Visit extends Omit<NewVisit, 'recordedBy' | 'visitedAt'> {
  visitedAt: Date;
  createdAt: Date;
}

/** Who asked with which Idempotency-Key and body; a retry finds the visit it made. */
export interface VisitKey {
  tokenId: string;
  key: string;
  bodyHash: string;
}

const columns = (db: Db) => db`
  id, campaign_id AS "campaignId", target_type AS "targetType", target_name AS "targetName", locality,
  unit_id AS "unitId", visited_at AS "visitedAt", to_char(visited_on, 'YYYY-MM-DD') AS "visitedOn", notes,
  created_at AS "createdAt"`;

/** Stores one visit; with a key, a concurrent twin with the same key stores nothing (false). */
export async function insertVisit(db: Db, visit: NewVisit, key?: VisitKey): Promise<boolean> {
  const rows = await db`
    INSERT INTO visits (id, campaign_id, target_type, target_name, locality, unit_id, visited_at, visited_on, notes,
                        recorded_by, token_id, idempotency_key, body_hash)
    VALUES (${visit.id}, ${visit.campaignId}, ${visit.targetType}, ${visit.targetName}, ${visit.locality},
            ${visit.unitId}, ${visit.visitedAt}, ${visit.visitedOn}, ${visit.notes}, ${db.json(visit.recordedBy as never)},
            ${key?.tokenId ?? null}, ${key?.key ?? null}, ${key?.bodyHash ?? null})
    ON CONFLICT (token_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id`;
  return rows.length === 1;
}

export async function findVisitByKey(
  db: Db,
  tokenId: string,
  key: string,
): Promise<(Visit & { bodyHash: string | null }) | null> {
  const [row] = await db<(Visit & { bodyHash: string | null })[]>`
    SELECT ${columns(db)}, body_hash AS "bodyHash" FROM visits WHERE token_id = ${tokenId} AND idempotency_key = ${key}`;
  return row ?? null;
}

export async function getVisit(db: Db, id: string): Promise<Visit | null> {
  const [row] = await db<Visit[]>`SELECT ${columns(db)} FROM visits WHERE id = ${id}`;
  return row ?? null;
}

/** The row of an import file, stored as a visit of that import. */
export interface ImportedVisit extends NewVisit {
  sourceRow: number;
}

/** One multi-row INSERT per batch: an import of 25,000 rows is 50 statements, not 25,000. */
export async function insertVisitBatch(db: Db, importId: string, visits: readonly ImportedVisit[]): Promise<void> {
  if (visits.length === 0) return;
  const rows = visits.map((v) => ({
    id: v.id,
    campaign_id: v.campaignId,
    target_type: v.targetType,
    target_name: v.targetName,
    locality: v.locality,
    unit_id: v.unitId,
    visited_at: v.visitedAt,
    visited_on: v.visitedOn,
    notes: v.notes,
    recorded_by: db.json(v.recordedBy as never),
    import_id: importId,
    source_row: v.sourceRow,
  }));
  await db`INSERT INTO visits ${db(rows)}`;
}

/** Whether the visit exists and was recorded by this token: the only visit a caller may attach a case to. */
export async function isVisitRecordedBy(db: Db, visitId: string, tokenId: string): Promise<boolean> {
  const [row] = await db`SELECT 1 FROM visits WHERE id = ${visitId} AND recorded_by ->> 'id' = ${tokenId}`;
  return row !== undefined;
}
