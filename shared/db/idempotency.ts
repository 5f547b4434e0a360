import type { CaseWorkflowInput } from '../contracts/case';
import { DEFAULT_IDEMPOTENCY_TTL_MS } from '../config';
import type { Db, Fragment } from './sql';

export type IdempotencyClaim =
  | { outcome: 'new'; input: CaseWorkflowInput }
  | { outcome: 'replay'; input: CaseWorkflowInput }
  | { outcome: 'mismatch'; caseId: string };

/** The moment before which a key claimed has expired (DUBAN_IDEMPOTENCY_TTL), on the database's clock. */
export const expiredBefore = (db: Db, ttlMs: number): Fragment =>
  db`(now() - ${ttlMs}::double precision * interval '1 millisecond')`;

/**
 * Claims `key` for this token and body. The first caller stores its workflow input and gets `new`;
 * every later caller with the same body gets the stored input back (`replay`), with another body
 * `mismatch`. Concurrent first callers are serialised by the primary key: exactly one wins. A key
 * older than `ttlMs` has expired and is as if never used: the claim takes it over.
 */
export async function claimIdempotencyKey(
  db: Db,
  claim: { tokenId: string; key: string; bodyHash: string; input: CaseWorkflowInput; ttlMs?: number },
): Promise<IdempotencyClaim> {
  const ttlMs = claim.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const inserted = await db`
    INSERT INTO idempotency_keys (token_id, key, body_hash, case_id, workflow_input)
    VALUES (${claim.tokenId}, ${claim.key}, ${claim.bodyHash}, ${claim.input.caseId}, ${db.json(claim.input as never)})
    ON CONFLICT (token_id, key) DO UPDATE
      SET body_hash = EXCLUDED.body_hash, case_id = EXCLUDED.case_id, workflow_input = EXCLUDED.workflow_input,
          created_at = now()
      WHERE idempotency_keys.created_at <= ${expiredBefore(db, ttlMs)}
    RETURNING case_id`;
  if (inserted.length === 1) return { outcome: 'new', input: claim.input };
  const [existing] = await db<{ bodyHash: string; caseId: string; input: CaseWorkflowInput }[]>`
    SELECT body_hash AS "bodyHash", case_id AS "caseId", workflow_input AS input
    FROM idempotency_keys WHERE token_id = ${claim.tokenId} AND key = ${claim.key}`;
  if (!existing) throw new Error('idempotency key vanished between insert and read');
  if (existing.bodyHash !== claim.bodyHash) return { outcome: 'mismatch', caseId: existing.caseId };
  return { outcome: 'replay', input: existing.input };
}

/** Deletes up to `limit` expired intake keys; answers how many. */
export async function deleteExpiredIdempotencyKeys(db: Db, ttlMs: number, limit: number): Promise<number> {
  const deleted = await db`
    DELETE FROM idempotency_keys WHERE (token_id, key) IN (
      SELECT token_id, key FROM idempotency_keys WHERE created_at <= ${expiredBefore(db, ttlMs)} LIMIT ${limit})`;
  return deleted.count;
}
