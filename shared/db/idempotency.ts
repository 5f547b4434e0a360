import type { CaseWorkflowInput } from '../contracts/case';
import type { Db, Fragment } from './sql';

export type IdempotencyClaim =
  { outcome: 'new' } | { outcome: 'replay'; caseId: string } | { outcome: 'mismatch'; caseId: string };

/** The moment before which a key claimed has expired (DUBAN_IDEMPOTENCY_TTL), on the database's clock. */
export const expiredBefore = (db: Db, ttlMs: number): Fragment =>
  db`(now() - ${ttlMs}::double precision * interval '1 millisecond')`;

/**
 * Claims `key` for this token and body, for the case `caseId`, inside the intake transaction. The
 * first caller gets `new`; every later caller with the same body gets the case it was first used for
 * (`replay`), with another body `mismatch`. Concurrent first callers queue on the primary key: the
 * second waits until the first commits (then sees its case) or rolls back (then claims it itself).
 * A key older than `ttlMs` has expired and is as if never used: the claim takes it over.
 */
export async function claimIntakeKey(
  db: Db,
  claim: { tokenId: string; key: string; bodyHash: string; caseId: string; ttlMs: number },
): Promise<IdempotencyClaim> {
  const inserted = await db`
    INSERT INTO idempotency_keys (token_id, key, body_hash, case_id)
    VALUES (${claim.tokenId}, ${claim.key}, ${claim.bodyHash}, ${claim.caseId})
    ON CONFLICT (token_id, key) DO UPDATE
      SET body_hash = EXCLUDED.body_hash, case_id = EXCLUDED.case_id, workflow_input = NULL, created_at = now()
      WHERE idempotency_keys.created_at <= ${expiredBefore(db, claim.ttlMs)}
    RETURNING case_id`;
  if (inserted.length === 1) return { outcome: 'new' };
  const [existing] = await db<{ bodyHash: string; caseId: string }[]>`
    SELECT body_hash AS "bodyHash", case_id AS "caseId"
    FROM idempotency_keys WHERE token_id = ${claim.tokenId} AND key = ${claim.key}`;
  if (!existing) throw new Error('idempotency key vanished between insert and read');
  return { outcome: existing.bodyHash === claim.bodyHash ? 'replay' : 'mismatch', caseId: existing.caseId };
}

/**
 * The workflow input an intake key kept before the outbox intake (migration 0009): the report was
 * accepted, but its case may have no row yet if its first start failed. Null for any newer key.
 */
export async function legacyIntakeInput(db: Db, tokenId: string, key: string): Promise<CaseWorkflowInput | null> {
  const [row] = await db<{ input: CaseWorkflowInput | null }[]>`
    SELECT workflow_input AS input FROM idempotency_keys WHERE token_id = ${tokenId} AND key = ${key}`;
  return row?.input ?? null;
}

/** Deletes up to `limit` expired intake keys; answers how many. */
export async function deleteExpiredIdempotencyKeys(db: Db, ttlMs: number, limit: number): Promise<number> {
  const deleted = await db`
    DELETE FROM idempotency_keys WHERE (token_id, key) IN (
      SELECT token_id, key FROM idempotency_keys WHERE created_at <= ${expiredBefore(db, ttlMs)} LIMIT ${limit})`;
  return deleted.count;
}
