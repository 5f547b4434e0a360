// A small recorded case and the owner's means to tamper with its trail, for the tests of the app
// role's refusals and of the anchored verify.
import { eventHash } from '../../../shared/db/event-hash';
import type { Sql, TransactionSql } from '../../../shared/db/sql';
import { CaseHistory, newCase, officeActor, unitActor } from './cases';

/** A four-event case: reported, queued, dispatched, accepted; recorded through `sql`. */
export async function recordedCase(sql: Sql): Promise<string> {
  const h = new CaseHistory(newCase());
  h.reported();
  h.emit('queued', { lead: 'city-management' });
  h.emit(
    'dispatched',
    { batchId: 'b1', batchNumber: 1, lead: 'city-management', coHandlers: [], acceptDue: '2026-03-03T01:00:00.000Z' },
    { status: 'assigned' },
    officeActor,
  );
  h.emit(
    'accepted',
    { unitId: 'city-management', deadline: '2026-04-01T01:00:00.000Z', nextReportDue: '2026-03-09T01:00:00.000Z' },
    { status: 'in_progress' },
    unitActor('city-management'),
  );
  await h.record(sql);
  return h.state.id;
}

/** What only the owner role can do: switch the append-only trigger off for one transaction. */
export async function tamper(owner: Sql, change: (tx: TransactionSql) => Promise<unknown>): Promise<void> {
  await owner.begin(async (tx) => {
    await tx`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_or_delete`;
    await change(tx);
    await tx`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_or_delete`;
  });
}

/**
 * The rewrite the links alone cannot catch: event `seq`'s data replaced, and every hash from there
 * recomputed and re-linked, as an owner who knows the hash function would do.
 */
export async function rewriteAndRehash(tx: TransactionSql, caseId: string, seq: number, data: unknown): Promise<void> {
  await tx`UPDATE case_events SET data = ${tx.json(data as never)} WHERE case_id = ${caseId} AND seq = ${seq}`;
  const rows = await tx<{ seq: number; type: string; at: Date; actor: unknown; data: unknown }[]>`
    SELECT seq, type, at, actor, data FROM case_events WHERE case_id = ${caseId} AND seq >= ${seq} ORDER BY seq`;
  const [before] = await tx<
    { hash: string }[]
  >`SELECT hash FROM case_events WHERE case_id = ${caseId} AND seq = ${seq - 1}`;
  let prevHash = before?.hash ?? null;
  for (const row of rows) {
    const hash = eventHash({ caseId, ...row, at: row.at.toISOString() }, prevHash);
    await tx`UPDATE case_events SET prev_hash = ${prevHash}, hash = ${hash} WHERE case_id = ${caseId} AND seq = ${row.seq}`;
    prevHash = hash;
  }
}

/** A case gone without a trace in its own tables: its events, every row that refers to it, its row. */
export async function deleteCaseEntirely(tx: TransactionSql, caseId: string): Promise<void> {
  await tx`DELETE FROM case_events WHERE case_id = ${caseId}`;
  const referring = await tx<{ table: string }[]>`
    SELECT conrelid::regclass::text AS table FROM pg_constraint
    WHERE contype = 'f' AND confrelid = 'cases'::regclass`;
  for (const { table } of referring) await tx`DELETE FROM ${tx(table)} WHERE case_id = ${caseId}`;
  await tx`DELETE FROM cases WHERE id = ${caseId}`;
}
