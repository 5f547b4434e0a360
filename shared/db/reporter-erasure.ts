import type { CaseEventOf } from '../contracts/case-events';
import type { Actor } from '../domain/actor';
import { eventHash } from './event-hash';
import { eraseReporter } from './reporters';
import type { Db, Sql } from './sql';

// A reporter's erasure (docs/domain.md "Audit trail and privacy"): their name and phone (reporters),
// the description they typed (the case row, the stored workflow input of its Idempotency-Key, and the
// outbox row of a case whose workflow has not started yet), and
// one `erased` event per case in the case's side chain (case_erasures, migration 0012). The events of
// a case hold no free text and only the reporter's id, so none is rewritten: the case chain stays
// valid, and the erasure is chained to its head.

/** What replaces the erased description; the same text as the cases_keep_erasure trigger writes. */
export const ERASED_TEXT = '（已删除）';

export const ERASED_FIELDS: Array<'name' | 'phone' | 'description'> = ['name', 'phone', 'description'];

export interface ErasureOutcome {
  reporterId: string;
  erasedAt: Date;
  /** The cases an `erased` event was recorded on now (none when the reporter was erased before). */
  cases: Array<{ caseId: string; seq: number }>;
}

/** One stored erasure, as a verifier reads it back. */
export interface StoredErasure {
  event: CaseEventOf<'erased'>;
  afterSeq: number;
  prevHash: string;
  hash: string;
}

/**
 * Erases the reporter everywhere, in one transaction; null when there is no such reporter. Repeating
 * it erases nothing more and records no second event. Each case is locked with the advisory lock the
 * journal's writer takes (shared/db/case-store.ts), so the chain head read is the head.
 */
export async function eraseReporterEverywhere(
  sql: Sql,
  reporterId: string,
  actor: Actor,
): Promise<ErasureOutcome | null> {
  return sql.begin(async (tx) => {
    if (!(await eraseReporter(tx, reporterId))) return null;
    const [reporter] = await tx<{ erasedAt: Date }[]>`
      SELECT erased_at AS "erasedAt" FROM reporters WHERE id = ${reporterId}`;
    const caseIds = await tx<{ id: string }[]>`SELECT id FROM cases WHERE reporter_id = ${reporterId} ORDER BY id`;
    const cases: ErasureOutcome['cases'] = [];
    for (const { id } of caseIds) {
      const seq = await recordErasure(tx, id, reporterId, actor);
      if (seq !== null) cases.push({ caseId: id, seq });
    }
    const ids = caseIds.map((c) => c.id);
    // The cases_keep_erasure trigger writes the marker; the stored intake input holds the text too.
    await tx`UPDATE cases SET description = ${ERASED_TEXT} WHERE id = ANY(${ids})`;
    await tx`
      UPDATE idempotency_keys SET workflow_input = jsonb_set(workflow_input, '{description}', to_jsonb(${ERASED_TEXT}::text))
      WHERE case_id = ANY(${ids}) AND workflow_input ? 'description'`;
    // A case accepted while Temporal was away waits in the outbox with its placed state (docs/intake.md).
    await tx`
      UPDATE case_starts SET workflow_input = jsonb_set(
        jsonb_set(workflow_input, '{description}', to_jsonb(${ERASED_TEXT}::text)),
        '{carried,state,description}', to_jsonb(${ERASED_TEXT}::text))
      WHERE case_id = ANY(${ids})`;
    return { reporterId, erasedAt: reporter!.erasedAt, cases };
  });
}

/** Appends the case's `erased` event unless it has one; its side-chain seq, or null when it had. */
async function recordErasure(tx: Db, caseId: string, reporterId: string, actor: Actor): Promise<number | null> {
  await tx`SELECT pg_advisory_xact_lock(hashtext(${caseId}))`;
  const [before] = await tx`SELECT 1 FROM case_erasures WHERE case_id = ${caseId} LIMIT 1`;
  if (before) return null;
  const [head] = await tx<{ seq: number; hash: string }[]>`
    SELECT seq, hash FROM case_events WHERE case_id = ${caseId} ORDER BY seq DESC LIMIT 1`;
  const event: CaseEventOf<'erased'> = {
    caseId,
    seq: 1,
    type: 'erased',
    at: new Date().toISOString(),
    actor,
    data: { reporterId, fields: ERASED_FIELDS },
  };
  const prevHash = head?.hash ?? '';
  await tx`
    INSERT INTO case_erasures (case_id, seq, after_seq, at, actor, data, prev_hash, hash)
    VALUES (${caseId}, ${event.seq}, ${head?.seq ?? 0}, ${event.at}, ${tx.json(actor as never)},
            ${tx.json(event.data)}, ${prevHash}, ${eventHash(event, prevHash)})`;
  return event.seq;
}

/** A case's erasures, oldest first. */
export async function listErasures(db: Db, caseId: string): Promise<StoredErasure[]> {
  const rows = await db<
    {
      seq: number;
      afterSeq: number;
      at: Date;
      actor: Actor;
      data: CaseEventOf<'erased'>['data'];
      prevHash: string;
      hash: string;
    }[]
  >`
    SELECT seq, after_seq AS "afterSeq", at, actor, data, prev_hash AS "prevHash", hash
    FROM case_erasures WHERE case_id = ${caseId} ORDER BY seq`;
  return rows.map((r) => ({
    event: { caseId, seq: r.seq, type: 'erased', at: r.at.toISOString(), actor: r.actor, data: r.data },
    afterSeq: r.afterSeq,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}

/**
 * Checks a case's side chain: each erasure hashes to its stored hash, the first links to the case
 * chain's event `afterSeq` and each later one to its predecessor. The problems found, none when valid.
 */
export async function verifyErasures(db: Db, caseId: string): Promise<string[]> {
  const problems: string[] = [];
  let expectedPrev: string | null = null;
  for (const erasure of await listErasures(db, caseId)) {
    if (expectedPrev === null) {
      const [anchor] = await db<{ hash: string }[]>`
        SELECT hash FROM case_events WHERE case_id = ${caseId} AND seq = ${erasure.afterSeq}`;
      expectedPrev = anchor?.hash ?? '';
    }
    if (erasure.prevHash !== expectedPrev)
      problems.push(`erasure ${erasure.event.seq} does not link to its predecessor`);
    if (eventHash(erasure.event, erasure.prevHash) !== erasure.hash)
      problems.push(`erasure ${erasure.event.seq} was altered`);
    expectedPrev = erasure.hash;
  }
  return problems;
}
