import { createHash } from 'node:crypto';
import type { CaseAction } from '../domain/case-rules';
import { expiredBefore } from './idempotency';
import type { Db } from './sql';

/** What a case action's Update answered that the HTTP answer needs beyond the case itself. */
export interface ActionAnswer {
  requestId?: string;
}

/** One caller's Idempotency-Key on a case action, as first used. */
export interface ActionKey {
  tokenId: string;
  key: string;
  caseId: string;
  action: CaseAction;
  bodyHash: string;
  /** Sent with every attempt, so Temporal applies the action once however often it is retried. */
  updateId: string;
  /** Null until the Update answered. */
  answer: ActionAnswer | null;
}

/**
 * The Update id of a key's use: derived from the caller, the key and when the key was claimed, so a
 * key used again after it expired is a new Update rather than one Temporal still remembers. Hashed:
 * a key may be 255 characters, and the caller's token id has no business in the workflow's history.
 */
export function actionUpdateId(tokenId: string, key: string, claimedAt: Date): string {
  const digest = createHash('sha256').update(`action:${tokenId}:${key}:${claimedAt.toISOString()}`).digest('hex');
  return `action-${digest.slice(0, 40)}`;
}

const COLUMNS = (db: Db) => db`
  token_id AS "tokenId", key, case_id AS "caseId", action, body_hash AS "bodyHash",
  update_id AS "updateId", answer`;

/** The key's use, unless it was never used or has expired (an expired key is as if never used). */
export async function findActionKey(db: Db, tokenId: string, key: string, ttlMs: number): Promise<ActionKey | null> {
  const [row] = await db<ActionKey[]>`
    SELECT ${COLUMNS(db)} FROM case_action_keys
    WHERE token_id = ${tokenId} AND key = ${key} AND created_at > ${expiredBefore(db, ttlMs)}`;
  return row ?? null;
}

/**
 * Claims the key for this use, taking over an expired claim. Concurrent first callers are serialised
 * by the primary key: exactly one claims, the others get its claim back, to compare with their own.
 */
export async function claimActionKey(
  db: Db,
  use: Omit<ActionKey, 'updateId' | 'answer'>,
  ttlMs: number,
): Promise<ActionKey> {
  const claimedAt = new Date();
  const updateId = actionUpdateId(use.tokenId, use.key, claimedAt);
  const [claimed] = await db<ActionKey[]>`
    INSERT INTO case_action_keys (token_id, key, case_id, action, body_hash, update_id, created_at)
    VALUES (${use.tokenId}, ${use.key}, ${use.caseId}, ${use.action}, ${use.bodyHash}, ${updateId}, ${claimedAt})
    ON CONFLICT (token_id, key) DO UPDATE
      SET case_id = EXCLUDED.case_id, action = EXCLUDED.action, body_hash = EXCLUDED.body_hash,
          update_id = EXCLUDED.update_id, created_at = EXCLUDED.created_at, answered_at = NULL, answer = NULL
      WHERE case_action_keys.created_at <= ${expiredBefore(db, ttlMs)}
    RETURNING ${COLUMNS(db)}`;
  if (claimed) return claimed;
  const existing = await findActionKey(db, use.tokenId, use.key, ttlMs);
  if (!existing) throw new Error('case action key vanished between claim and read');
  return existing;
}

/** Stores the Update's answer, unless the key was claimed anew meanwhile (its Update id tells). */
export async function recordActionAnswer(db: Db, key: ActionKey, answer: ActionAnswer): Promise<void> {
  await db`
    UPDATE case_action_keys SET answered_at = now(), answer = ${db.json(answer as never)}
    WHERE token_id = ${key.tokenId} AND key = ${key.key} AND update_id = ${key.updateId}`;
}

/** Deletes up to `limit` expired action keys; answers how many. */
export async function deleteExpiredActionKeys(db: Db, ttlMs: number, limit: number): Promise<number> {
  const deleted = await db`
    DELETE FROM case_action_keys WHERE (token_id, key) IN (
      SELECT token_id, key FROM case_action_keys WHERE created_at <= ${expiredBefore(db, ttlMs)} LIMIT ${limit})`;
  return deleted.count;
}
