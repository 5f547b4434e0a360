import { caseColumns, type StoredCase } from './case-columns';
import type { Db } from './sql';

/** A case's read-model row: its stored snapshot (case-columns.ts) and its reporter as stored today. */
export type CaseRow = StoredCase & {
  /** The lead again, under the name the scope checks read (ScopedCase in shared/domain/access.ts). */
  leadUnitId: string | null;
  /** Null when the case has no reporter or the reporter was erased. */
  reporterName: string | null;
  reporterPhone: string | null;
};

export async function findCase(db: Db, id: string): Promise<CaseRow | null> {
  const [row] = await db<CaseRow[]>`
    SELECT ${caseColumns(db)}, c.lead_unit_id AS "leadUnitId", r.name AS "reporterName", r.phone AS "reporterPhone"
    FROM cases c LEFT JOIN reporters r ON r.id = c.reporter_id
    WHERE c.id = ${id}`;
  return row ?? null;
}

export interface CaseEventRow {
  seq: number;
  type: string;
  at: Date;
  actor: { id: string; role: string; unitId: string | null };
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db<CaseEventRow[]>`
    SELECT seq, type, at, actor, data, prev_hash AS "prevHash", hash
    FROM case_events WHERE case_id = ${caseId} ORDER BY seq`;
}
