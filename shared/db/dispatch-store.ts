// SQL for dispatch batches (migration 0003), written by the dispatch activities.
import type { ClaimedCase, DispatchBatchHeader } from '../contracts/dispatch';
import type { Actor } from '../domain/actor';
import type { Db, Sql, TransactionSql } from './sql';

// Any fixed number: numbering batches one at a time keeps the numbers free of gaps.
const BATCH_NUMBER_LOCK = 7_236_003;

interface BatchRow {
  id: string;
  number: number;
  at: Date | string;
}

const headerOf = (row: BatchRow): DispatchBatchHeader => ({
  id: row.id,
  number: row.number,
  at: new Date(row.at).toISOString(),
});

export interface NewBatch {
  id: string;
  kind: 'batch' | 'urgent';
  requestedBy: Actor;
  at: string;
}

/** The batch with this id, created with the next number if it does not exist yet. */
export async function openBatch(tx: TransactionSql, batch: NewBatch): Promise<DispatchBatchHeader> {
  await tx`SELECT pg_advisory_xact_lock(${BATCH_NUMBER_LOCK})`;
  const [existing] = await tx<BatchRow[]>`SELECT id, number, at FROM dispatch_batches WHERE id = ${batch.id}`;
  if (existing) return headerOf(existing);
  const [created] = await tx<BatchRow[]>`
    INSERT INTO dispatch_batches (id, number, kind, at, requested_by)
    SELECT ${batch.id}, coalesce(max(number), 0) + 1, ${batch.kind}, ${batch.at}, ${tx.json(batch.requestedBy as never)}
    FROM dispatch_batches
    RETURNING id, number, at`;
  return headerOf(created!);
}

/**
 * Fixes the batch's list the first time: every case the read model shows as queued, whose workflow
 * runs, and no other batch holds (unique case_id). Later calls return the same list, so a retry adds
 * nothing.
 */
export async function sealBatch(sql: Sql, batchId: string): Promise<ClaimedCase[]> {
  return sql.begin(async (tx) => {
    const [batch] = await tx<{ sealed: boolean }[]>`
      SELECT sealed_at IS NOT NULL AS sealed FROM dispatch_batches WHERE id = ${batchId} FOR UPDATE`;
    if (!batch) throw new Error(`dispatch batch ${batchId} does not exist`);
    if (!batch.sealed) {
      await tx`
        INSERT INTO dispatch_batch_cases (batch_id, case_id, lead_unit_id)
        SELECT ${batchId}, c.id, c.lead_unit_id FROM cases c
        WHERE c.status = 'queued' AND c.lead_unit_id IS NOT NULL
          -- A case whose workflow is not started yet (docs/intake.md) waits for the next batch: claimed
          -- now, it could not be dispatched, and a case is claimed by one batch only.
          AND NOT EXISTS (SELECT 1 FROM case_starts s WHERE s.case_id = c.id)
        ON CONFLICT DO NOTHING`;
      await tx`UPDATE dispatch_batches SET sealed_at = now() WHERE id = ${batchId}`;
    }
    return listBatchCases(tx, batchId);
  });
}

export async function listBatchCases(db: Db, batchId: string): Promise<ClaimedCase[]> {
  const rows = await db<{ caseId: string; lead: string }[]>`
    SELECT case_id AS "caseId", lead_unit_id AS lead FROM dispatch_batch_cases
    WHERE batch_id = ${batchId} ORDER BY lead_unit_id, case_id`;
  return rows.map((row) => ({ caseId: row.caseId, lead: row.lead }));
}

/** The urgent case's own one-case list, already settled: the case workflow dispatches it itself. */
export async function claimForUrgentBatch(tx: TransactionSql, batchId: string, c: ClaimedCase): Promise<void> {
  await tx`
    INSERT INTO dispatch_batch_cases (batch_id, case_id, lead_unit_id, outcome)
    VALUES (${batchId}, ${c.caseId}, ${c.lead}, 'dispatched')
    ON CONFLICT DO NOTHING`;
  await tx`UPDATE dispatch_batches SET sealed_at = coalesce(sealed_at, now()) WHERE id = ${batchId}`;
}

export async function recordOutcome(db: Db, batchId: string, caseId: string, outcome: string): Promise<void> {
  await db`UPDATE dispatch_batch_cases SET outcome = ${outcome} WHERE batch_id = ${batchId} AND case_id = ${caseId}`;
}
