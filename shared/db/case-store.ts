import type { CaseState } from '../contracts/case';
import type { CaseEvent } from '../contracts/case-events';
import { snapshotUpsert, upsertSnapshot } from './case-columns';
import { eventHash } from './event-hash';
import { projectEvent } from './projections';
import type { Fragment, Sql, TransactionSql } from './sql';

export class EventOutOfOrderError extends Error {
  constructor(caseId: string, seq: number, last: number) {
    super(`event ${seq} of ${caseId} arrived before event ${last + 1}; it will be retried`);
    this.name = 'EventOutOfOrderError';
  }
}

/** Why PostgreSQL refused a write for good: its SQLSTATE and, for a constraint, the constraint's name. */
export interface UnstorableCause {
  sqlstate: string;
  message: string;
  constraint: string | null;
}

// Errors no retry can mend: the data, not the database, is at fault. Class 22 is every data
// exception (invalid text or JSON representation 22P02, 22021 bytes not in UTF-8, 22P05 an untranslatable
// character such as \u0000 in jsonb, 22001 too long, 22003 out of range, 2200x…); 23502 not-null,
// 23503 foreign key, 23514 check, 23P01 exclusion. A unique violation (23505) is left out on purpose: the
// writes are idempotent per (case, seq), so one is a race that the next attempt resolves.
const UNSTORABLE_CLASSES = ['22'];
const UNSTORABLE_CODES = new Set(['23502', '23503', '23514', '23P01']);

/** The cause when `error` is PostgreSQL refusing the data itself; null for anything a retry may mend. */
export function unstorableCause(error: unknown): UnstorableCause | null {
  if (!(error instanceof Error) || error.name !== 'PostgresError') return null;
  const { code, constraint_name: constraint } = error as Error & { code?: unknown; constraint_name?: unknown };
  if (typeof code !== 'string') return null;
  if (!UNSTORABLE_CODES.has(code) && !UNSTORABLE_CLASSES.includes(code.slice(0, 2))) return null;
  return { sqlstate: code, message: error.message, constraint: typeof constraint === 'string' ? constraint : null };
}

/** One transition as the workflow hands it over: the event and the state it produced. */
export interface Transition {
  event: CaseEvent;
  snapshot: CaseState;
}

/**
 * Stores one transition: appends the event to the hash chain, upserts the read-model snapshot and
 * projects the event into its tables (projections.ts), in one transaction. Idempotent (an event
 * already stored changes nothing) and safe under out-of-order retries: an event whose predecessor is
 * missing throws, so Temporal retries it after the gap fills, and a snapshot older than the stored
 * one never overwrites it.
 */
export async function recordTransition(sql: Sql, event: CaseEvent, snapshot: CaseState): Promise<void> {
  await recordTransitions(sql, [{ event, snapshot }]);
}

/**
 * Stores consecutive transitions of one case in one transaction, in order, with recordTransition's
 * guarantees for each: a workflow that emits several events in one step (a report and its queueing)
 * pays for one round trip and one commit.
 */
export async function recordTransitions(sql: Sql, transitions: readonly Transition[]): Promise<void> {
  if (transitions.length === 0) return;
  await sql.begin((tx) => appendTransitions(tx, transitions));
}

/** recordTransitions inside a transaction. */
async function appendTransitions(tx: TransactionSql, transitions: readonly Transition[]): Promise<void> {
  if (transitions.length === 0) return;
  const caseId = transitions[0]!.event.caseId;
  if (transitions.some((t) => t.event.caseId !== caseId)) throw new Error('transitions of one case only');
  // Serialises writers of one case; other cases proceed in parallel.
  await tx`SELECT pg_advisory_xact_lock(hashtext(${caseId}))`;
  const [last] = await tx<{ seq: number; hash: string }[]>`
    SELECT seq, hash FROM case_events WHERE case_id = ${caseId} ORDER BY seq DESC LIMIT 1`;
  let lastSeq = last?.seq ?? 0;
  let prevHash = last?.hash ?? null;
  for (const { event, snapshot } of transitions) {
    if (event.seq <= lastSeq) {
      await upsertSnapshot(tx, snapshot);
      continue;
    }
    if (event.seq !== lastSeq + 1) throw new EventOutOfOrderError(event.caseId, event.seq, lastSeq);
    const hash = eventHash(event, prevHash);
    await tx`
      INSERT INTO case_events (case_id, seq, type, at, actor, data, prev_hash, hash)
      VALUES (${event.caseId}, ${event.seq}, ${event.type}, ${event.at}, ${tx.json(event.actor as never)},
              ${tx.json(event.data)}, ${prevHash}, ${hash})`;
    await upsertSnapshot(tx, snapshot);
    await projectEvent(tx, event, snapshot);
    lastSeq = event.seq;
    prevHash = hash;
  }
}

/**
 * The first events of a new case (its id was made by intake, so it has no chain yet), as statements
 * not yet sent: the events in one INSERT, chained from no predecessor, and the case's row with the
 * last snapshot. Intake sends them in one pipeline; projections of these events, if any, follow
 * (`projectEvent`). A case id that exists already fails the INSERT on the key, and the transaction.
 */
export function firstEventsWrites(tx: TransactionSql, transitions: readonly Transition[]): Fragment[] {
  const last = transitions[transitions.length - 1];
  if (last === undefined) return [];
  let prevHash: string | null = null;
  const rows = transitions.map(({ event }, index) => {
    if (event.seq !== index + 1 || event.caseId !== last.event.caseId) {
      throw new Error('the first events of one case, numbered from 1');
    }
    const hash = eventHash(event, prevHash);
    const row = {
      case_id: event.caseId,
      seq: event.seq,
      type: event.type,
      at: event.at,
      actor: tx.json(event.actor as never),
      data: tx.json(event.data),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  return [tx`INSERT INTO case_events ${tx(rows)}`, snapshotUpsert(tx, last.snapshot)];
}
