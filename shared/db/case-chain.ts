import { eventHash } from './event-hash';
import type { Db } from './sql';

export interface ChainVerification {
  ok: boolean;
  /** Events found in the audit trail. */
  events: number;
  /** The first sequence number that fails: edited, swapped, missing, or re-linked. */
  brokenAt?: number;
}

interface StoredEvent {
  seq: number;
  type: string;
  at: Date;
  actor: unknown;
  data: unknown;
  prevHash: string | null;
  hash: string;
}

/**
 * Recomputes a case's hash chain from its stored events (GET /v1/cases/{id}/events/verify).
 *
 * - an edited row no longer hashes to its stored hash;
 * - a swapped pair hashes differently, since seq is part of the hashed content;
 * - a deleted row leaves a gap in seq, or, at the tail, fewer events than the read model's seq;
 * - a row whose hash was recomputed after an edit breaks the next row's prev_hash link.
 *
 * The chain cannot catch someone who rewrites every row from the edit onwards *and* the read model;
 * the Temporal history, which is the source of the events, still can (docs/ledger.md).
 */
export async function verifyCaseChain(db: Db, caseId: string): Promise<ChainVerification> {
  // The read model first: an event appended between the two reads then only adds to the trail.
  const [snapshot] = await db<{ seq: number }[]>`SELECT seq FROM cases WHERE id = ${caseId}`;
  const rows = await db<StoredEvent[]>`
    SELECT seq, type, at, actor, data, prev_hash AS "prevHash", hash
    FROM case_events WHERE case_id = ${caseId} ORDER BY seq`;
  const broken = (seq: number): ChainVerification => ({ ok: false, events: rows.length, brokenAt: seq });

  let prevHash: string | null = null;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) return broken(expectedSeq);
    if (row.prevHash !== prevHash) return broken(row.seq);
    const content = {
      caseId,
      seq: row.seq,
      type: row.type,
      at: row.at.toISOString(),
      actor: row.actor,
      data: row.data,
    };
    if (eventHash(content, prevHash) !== row.hash) return broken(row.seq);
    prevHash = row.hash;
  }
  if (snapshot && snapshot.seq > rows.length) return broken(rows.length + 1);
  return { ok: true, events: rows.length };
}
