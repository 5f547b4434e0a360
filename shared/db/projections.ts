import type { CaseState } from '../contracts/case';
import type { CaseEvent, CaseEventOf } from '../contracts/case-events';
import type { TransactionSql } from './sql';

// The read model's per-event projections. recordTransition calls `projectEvent` in the transaction
// that appends the event, after the snapshot upsert, and only when the event is new: the
// (case_id, seq) key of case_events makes each projection run exactly once, in seq order, so the
// counters below may simply add one.
//
// A projection that throws rolls back the event with it. A transient failure is retried; one no retry
// can mend (a check, foreign-key or not-null violation, data PostgreSQL cannot represent) makes the
// case workflow undo and refuse the action (case-store.ts `unstorableCause`). Event data is typed (CaseEvent), but a time may still arrive
// empty (`extension_decided` once carried deadline ''): it is stored as NULL rather than failing the cast.

const instant = (iso: string | null): string | null => (iso && !Number.isNaN(Date.parse(iso)) ? iso : null);

/** Projects one new event into its tables; events without a projection live in the audit trail only. */
export async function projectEvent(tx: TransactionSql, event: CaseEvent, snapshot: CaseState): Promise<void> {
  const { caseId, at } = event;
  switch (event.type) {
    case 'dispatched':
    case 'assigned':
      await tx`UPDATE cases SET assigned_at = ${at} WHERE id = ${caseId}`;
      return;
    case 'accepted':
      await tx`UPDATE cases SET accepted_at = ${at} WHERE id = ${caseId}`;
      return;
    case 'report_submitted':
      return reportSubmitted(tx, event);
    case 'contribution_added':
      return contributionAdded(tx, event);
    case 'report_missed':
      await escalationRow(tx, event, {
        kind: 'report_missed',
        unitId: snapshot.lead,
        dueAt: event.data.dueAt,
        missedReports: event.data.missedReports,
      });
      await tx`UPDATE cases SET missed_report_count = missed_report_count + 1 WHERE id = ${caseId}`;
      return;
    case 'reminder_sent': {
      const { unitId, about, dueAt } = event.data;
      await escalationRow(tx, event, { kind: 'reminder', unitId, reason: about, dueAt });
      await tx`UPDATE cases SET reminder_count = reminder_count + 1 WHERE id = ${caseId}`;
      return;
    }
    case 'escalated': {
      const { level, reason, notifiedUnits: notified } = event.data;
      await escalationRow(tx, event, { kind: 'escalation', level, reason, unitId: snapshot.lead, notified });
      await tx`UPDATE cases SET escalation_count = escalation_count + 1 WHERE id = ${caseId}`;
      return;
    }
    case 'extension_requested':
      return extensionRequested(tx, event);
    case 'extension_decided':
      return extensionDecided(tx, event);
    case 'resolved':
      await tx`UPDATE cases SET measures = ${event.data.measures} WHERE id = ${caseId}`;
      return;
    case 'followed_up':
      await tx`
        INSERT INTO case_follow_ups (case_id, seq, satisfied, note, at, actor)
        VALUES (${caseId}, ${event.seq}, ${event.data.satisfied}, ${event.data.note}, ${at}, ${tx.json(event.actor as never)})`;
      await tx`UPDATE cases SET follow_up_count = follow_up_count + 1 WHERE id = ${caseId}`;
      return;
    case 'reopened':
      await tx`UPDATE cases SET rework_count = rework_count + 1 WHERE id = ${caseId}`;
      return;
    case 'closed':
      await tx`
        UPDATE cases SET duplicate_of = ${event.data.duplicateOf}, measures = coalesce(${event.data.measures}, measures)
        WHERE id = ${caseId}`;
      return;
    case 'instruction_given': {
      const d = event.data;
      await tx`
        INSERT INTO case_instructions (case_id, instruction_id, seq, text, report_every, deadline, given_at, given_by)
        VALUES (${caseId}, ${d.instructionId}, ${event.seq}, ${d.text}, ${d.reportEvery}, ${instant(d.deadline)},
                ${at}, ${tx.json(event.actor as never)})`;
      return;
    }
    case 'instruction_acknowledged':
      await tx`
        UPDATE case_instructions SET acknowledged_seq = ${event.seq}, acknowledged_at = ${at},
          acknowledged_by = ${tx.json(event.actor as never)}
        WHERE case_id = ${caseId} AND instruction_id = ${event.data.instructionId}`;
      return;
    case 'reported':
    case 'triaged':
    case 'queued':
    case 'returned':
    case 'overdue':
    case 'due_soon':
    case 'calendar_repinned': // its calendar and moved dues are the snapshot's (the `cases` row, `policy`)
      return;
    case 'erased':
      // Never in the case chain: an erasure is stored and applied by shared/db/reporter-erasure.ts.
      return;
    default: {
      // A new event type fails to compile here until someone decides whether it is projected.
      const unhandled: never = event;
      return unhandled;
    }
  }
}

async function reportSubmitted(tx: TransactionSql, e: CaseEventOf<'report_submitted'>): Promise<void> {
  const d = e.data;
  await tx`
    INSERT INTO case_reports (case_id, seq, id, kind, unit_id, progress, measures, percent_done, blockers, due_at,
                              on_time, submitted_at, submitted_by)
    VALUES (${e.caseId}, ${e.seq}, ${d.reportId}, 'report', ${d.unitId}, ${d.progress}, ${d.measures},
            ${d.percentDone}, ${d.blockers}, ${instant(d.dueAt)}, ${d.onTime}, ${e.at}, ${tx.json(e.actor as never)})`;
  await tx`
    UPDATE cases SET report_count = report_count + 1, last_report_at = ${e.at},
      last_report_summary = ${d.progress}, last_report_percent = ${d.percentDone},
      measures = coalesce(${d.measures}, measures)
    WHERE id = ${e.caseId}`;
}

async function contributionAdded(tx: TransactionSql, e: CaseEventOf<'contribution_added'>): Promise<void> {
  const d = e.data;
  await tx`
    INSERT INTO case_reports (case_id, seq, id, kind, unit_id, progress, measures, submitted_at, submitted_by)
    VALUES (${e.caseId}, ${e.seq}, ${d.contributionId}, 'contribution', ${d.unitId}, ${d.progress}, ${d.measures},
            ${e.at}, ${tx.json(e.actor as never)})`;
  await tx`UPDATE cases SET contribution_count = contribution_count + 1 WHERE id = ${e.caseId}`;
}

async function extensionRequested(tx: TransactionSql, e: CaseEventOf<'extension_requested'>): Promise<void> {
  const d = e.data;
  await tx`
    INSERT INTO case_extensions (request_id, case_id, seq, unit_id, requested_until, reason, requested_at)
    VALUES (${d.requestId}, ${e.caseId}, ${e.seq}, ${d.unitId}, ${instant(d.until)}, ${d.reason}, ${e.at})`;
  await tx`UPDATE cases SET extension_count = extension_count + 1 WHERE id = ${e.caseId}`;
}

async function extensionDecided(tx: TransactionSql, e: CaseEventOf<'extension_decided'>): Promise<void> {
  const d = e.data;
  await tx`
    UPDATE case_extensions SET status = ${d.approved ? 'approved' : 'denied'}, decided_seq = ${e.seq},
      decided_at = ${e.at}, decided_by = ${tx.json(e.actor as never)}, note = ${d.note},
      deadline_after = ${instant(d.deadline)}
    WHERE request_id = ${d.requestId} AND case_id = ${e.caseId}`;
}

interface EscalationRow {
  kind: 'reminder' | 'report_missed' | 'escalation';
  unitId: string | null;
  level?: number;
  reason?: string;
  notified?: string[];
  dueAt?: string;
  missedReports?: number;
}

async function escalationRow(tx: TransactionSql, e: CaseEvent, row: EscalationRow): Promise<void> {
  await tx`
    INSERT INTO case_escalations (case_id, seq, kind, level, reason, unit_id, notified_units, due_at, missed_reports, at)
    VALUES (${e.caseId}, ${e.seq}, ${row.kind}, ${row.level ?? 0}, ${row.reason ?? null}, ${row.unitId},
            ${row.notified ?? []}::text[], ${instant(row.dueAt ?? null)}, ${row.missedReports ?? null}, ${e.at})`;
}
