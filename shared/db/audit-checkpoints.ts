import type { AuditFinding, ChainHead, SignedCheckpoint } from '../audit/checkpoint-message';
import { clampLimit, decodeVersionCursor, toPage, type Page, type PageRequest } from './pagination';
import type { Db } from './sql';

// The stored checkpoints (audit_checkpoints): signed roots over every case's chain head. The app
// role may insert and read them, never change them (migration 0011).

/** A checkpoint as listed: what was signed, and how many cases it covers; the heads stay out of lists. */
export interface CheckpointSummary extends SignedCheckpoint {
  id: number;
}

export interface StoredCheckpoint extends CheckpointSummary {
  heads: ChainHead[];
}

/** Heads are stored compactly, `[caseId, seq, hash]`, as the export the auditor gets. */
type HeadTuple = [string, number, string];

const toTuple = (head: ChainHead): HeadTuple => [head.caseId, head.seq, head.hash];
const fromTuple = ([caseId, seq, hash]: HeadTuple): ChainHead => ({ caseId, seq, hash });

/** Every case's last event, read in one statement so the heads are of one moment. */
export async function readChainHeads(db: Db): Promise<ChainHead[]> {
  return db<ChainHead[]>`
    SELECT DISTINCT ON (case_id) case_id AS "caseId", seq, hash
    FROM case_events ORDER BY case_id, seq DESC`;
}

export async function insertCheckpoint(db: Db, checkpoint: SignedCheckpoint, heads: ChainHead[]): Promise<number> {
  const [row] = await db<{ id: string }[]>`
    INSERT INTO audit_checkpoints (at, root, heads, cases, findings, signature, key_id)
    VALUES (${checkpoint.at}, ${checkpoint.root}, ${db.json(heads.map(toTuple))}, ${checkpoint.cases},
            ${db.json(checkpoint.findings)}, ${checkpoint.signature}, ${checkpoint.keyId})
    RETURNING id`;
  return Number(row!.id);
}

const SUMMARY = (db: Db) => db`
  id::int AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, root, cases, findings,
  signature, key_id AS "keyId"`;

/** Newest first. `at` is read back as the very string that was signed, not through a Date. */
export async function listCheckpoints(db: Db, page: PageRequest = {}): Promise<Page<CheckpointSummary>> {
  const limit = clampLimit(page.limit);
  const before = decodeVersionCursor(page.cursor);
  const rows = await db<CheckpointSummary[]>`
    SELECT ${SUMMARY(db)} FROM audit_checkpoints
    WHERE (${before}::bigint IS NULL OR id < ${before}) ORDER BY id DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit, (c) => [c.id]);
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | null> {
  const [row] = await db<(CheckpointSummary & { heads: HeadTuple[] })[]>`
    SELECT ${SUMMARY(db)}, heads FROM audit_checkpoints ORDER BY id DESC LIMIT 1`;
  return row ? { ...row, heads: row.heads.map(fromTuple) } : null;
}

/** One checkpoint with the heads it signed: the export an auditor keeps (docs/audit.md). */
export async function getCheckpoint(db: Db, id: number): Promise<StoredCheckpoint | null> {
  const [row] = await db<(CheckpointSummary & { heads: HeadTuple[] })[]>`
    SELECT ${SUMMARY(db)}, heads FROM audit_checkpoints WHERE id = ${id}`;
  return row ? { ...row, heads: row.heads.map(fromTuple) } : null;
}

/** What the trail now holds at a signed head: that event's hash, and the case's last seq (null: no events). */
export interface HeadNow {
  head: ChainHead;
  hashAtSeq: string | null;
  lastSeq: number | null;
}

/** Names how the trail departs from a signed head, or null when the signed event is still there unchanged. */
export function departureFrom({ head, hashAtSeq, lastSeq }: HeadNow): AuditFinding | null {
  const { caseId, seq } = head;
  if (hashAtSeq === head.hash) return null;
  if (lastSeq === null) {
    return { kind: 'deleted', caseId, signedSeq: seq, message: `every event of ${caseId} is gone (${seq} signed)` };
  }
  if (lastSeq < seq) {
    return {
      kind: 'truncated',
      caseId,
      signedSeq: seq,
      message: `${caseId} ends at event ${lastSeq}, but event ${seq} was signed`,
    };
  }
  return {
    kind: 'rewritten',
    caseId,
    signedSeq: seq,
    message: `${caseId}'s chain up to event ${seq} differs from the one signed: history was rewritten`,
  };
}

/** Every signed head of checkpoint `id` that the trail no longer holds as signed: one statement. */
export async function departuresSince(db: Db, id: number): Promise<AuditFinding[]> {
  const rows = await db<
    { caseId: string; seq: number; hash: string; hashAtSeq: string | null; lastSeq: number | null }[]
  >`
    WITH signed AS (
      SELECT h ->> 0 AS case_id, (h ->> 1)::int AS seq, h ->> 2 AS hash
      FROM audit_checkpoints, jsonb_array_elements(heads) h WHERE id = ${id})
    SELECT s.case_id AS "caseId", s.seq, s.hash, e.hash AS "hashAtSeq",
           (SELECT max(m.seq) FROM case_events m WHERE m.case_id = s.case_id) AS "lastSeq"
    FROM signed s LEFT JOIN case_events e ON e.case_id = s.case_id AND e.seq = s.seq
    WHERE e.hash IS DISTINCT FROM s.hash
    ORDER BY s.case_id`;
  return rows.flatMap(({ caseId, seq, hash, hashAtSeq, lastSeq }) => {
    const finding = departureFrom({ head: { caseId, seq, hash }, hashAtSeq, lastSeq });
    return finding ? [finding] : [];
  });
}

/** The same comparison for one case (the verify route). */
export async function departureOfCase(db: Db, head: ChainHead): Promise<AuditFinding | null> {
  const [row] = await db<{ hashAtSeq: string | null; lastSeq: number | null }[]>`
    SELECT (SELECT hash FROM case_events WHERE case_id = ${head.caseId} AND seq = ${head.seq}) AS "hashAtSeq",
           (SELECT max(seq) FROM case_events WHERE case_id = ${head.caseId}) AS "lastSeq"`;
  return departureFrom({ head, hashAtSeq: row?.hashAtSeq ?? null, lastSeq: row?.lastSeq ?? null });
}
