import type { CaseWorkflowInput } from '../case-contract';
import type { Db } from './sql';

export type IdempotencyClaim =
  | { outcome: 'new'; input: CaseWorkflowInput }
  | { outcome: 'replay'; input: CaseWorkflowInput }
  | { outcome: 'mismatch'; caseId: string };

/**
 * Claims `key` for this token and body. The first caller stores its workflow input and gets `new`;
 * every later caller with the same body gets the stored input back (`replay`), with another body
 * `mismatch`. Concurrent first callers are serialised by the primary key: exactly one wins.
 */
export async function claimIdempotencyKey(
  db: Db,
  claim: { tokenId: string; key: string; bodyHash: string; input: CaseWorkflowInput },
): Promise<IdempotencyClaim> {
  const inserted = await db`
    INSERT INTO idempotency_keys (token_id, key, body_hash, case_id, workflow_input)
    VALUES (${claim.tokenId}, ${claim.key}, ${claim.bodyHash}, ${claim.input.caseId}, ${db.json(claim.input as never)})
    ON CONFLICT (token_id, key) DO NOTHING
    RETURNING case_id`;
  if (inserted.length === 1) return { outcome: 'new', input: claim.input };
  const [existing] = await db<{ bodyHash: string; caseId: string; input: CaseWorkflowInput }[]>`
    SELECT body_hash AS "bodyHash", case_id AS "caseId", workflow_input AS input
    FROM idempotency_keys WHERE token_id = ${claim.tokenId} AND key = ${claim.key}`;
  if (!existing) throw new Error('idempotency key vanished between insert and read');
  if (existing.bodyHash !== claim.bodyHash) return { outcome: 'mismatch', caseId: existing.caseId };
  return { outcome: 'replay', input: existing.input };
}
