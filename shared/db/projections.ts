import type { CaseEventInput, CaseState } from '../case-contract';
import type { CaseEventData, CaseEventType } from '../case-events';
import type { TransactionSql } from './sql';

// The read model's per-event projections, keyed by event type. recordTransition calls `projectEvent`
// in the transaction that appends the event, after the snapshot upsert, and only when the event is
// new: the (case_id, seq) key of case_events makes each projection run exactly once, in seq order,
// so the counters below may simply add one.
//
// A projection that throws rolls back the event with it and Temporal retries the activity for ever,
// holding the case's workflow still. So projections take event data as it comes: a missing or empty
// time is stored as NULL rather than failing the cast (`extension_decided` may carry deadline '').

type Projector<K extends CaseEventType> = (
  tx: TransactionSql,
  data: CaseEventData[K],
  event: CaseEventInput,
  snapshot: CaseState,
) => Promise<unknown>;

const time = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value)) ? value : null;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

const projectors: { [K in CaseEventType]?: Projector<K> } = {
  dispatched: (tx, _d, e) => tx`UPDATE cases SET assigned_at = ${e.at} WHERE id = ${e.caseId}`,
  assigned: (tx, _d, e) => tx`UPDATE cases SET assigned_at = ${e.at} WHERE id = ${e.caseId}`,
  accepted: (tx, _d, e) => tx`UPDATE cases SET accepted_at = ${e.at} WHERE id = ${e.caseId}`,

  report_submitted: async (tx, d, e) => {
    await tx`
      INSERT INTO case_reports (case_id, seq, id, kind, unit_id, progress, measures, percent_done, blockers, due_at,
                                on_time, submitted_at, submitted_by)
      VALUES (${e.caseId}, ${e.seq}, ${text(d.reportId) ?? `${e.caseId}:${e.seq}`}, 'report', ${text(d.unitId)},
              ${text(d.progress) ?? ''}, ${text(d.measures)}, ${int(d.percentDone)}, ${text(d.blockers)},
              ${time(d.dueAt)}, ${typeof d.onTime === 'boolean' ? d.onTime : null}, ${e.at},
              ${tx.json(e.actor as never)})`;
    await tx`
      UPDATE cases SET report_count = report_count + 1, last_report_at = ${e.at},
        last_report_summary = ${text(d.progress)}, last_report_percent = ${int(d.percentDone)},
        measures = coalesce(${text(d.measures)}, measures)
      WHERE id = ${e.caseId}`;
  },
  contribution_added: async (tx, d, e) => {
    await tx`
      INSERT INTO case_reports (case_id, seq, id, kind, unit_id, progress, measures, submitted_at, submitted_by)
      VALUES (${e.caseId}, ${e.seq}, ${text(d.contributionId) ?? `${e.caseId}:${e.seq}`}, 'contribution',
              ${text(d.unitId)}, ${text(d.progress) ?? ''}, ${text(d.measures)}, ${e.at}, ${tx.json(e.actor as never)})`;
    await tx`UPDATE cases SET contribution_count = contribution_count + 1 WHERE id = ${e.caseId}`;
  },

  report_missed: async (tx, d, e, s) => {
    await escalationRow(tx, e, {
      kind: 'report_missed',
      unitId: s.lead,
      dueAt: d.dueAt,
      missedReports: d.missedReports,
    });
    await tx`UPDATE cases SET missed_report_count = missed_report_count + 1 WHERE id = ${e.caseId}`;
  },
  reminder_sent: async (tx, d, e) => {
    await escalationRow(tx, e, { kind: 'reminder', unitId: d.unitId, reason: d.about, dueAt: d.dueAt });
    await tx`UPDATE cases SET reminder_count = reminder_count + 1 WHERE id = ${e.caseId}`;
  },
  escalated: async (tx, d, e, s) => {
    const notified = Array.isArray(d.notifiedUnits) ? d.notifiedUnits : [];
    await escalationRow(tx, e, { kind: 'escalation', level: d.level, reason: d.reason, unitId: s.lead, notified });
    await tx`UPDATE cases SET escalation_count = escalation_count + 1 WHERE id = ${e.caseId}`;
  },

  extension_requested: async (tx, d, e) => {
    await tx`
      INSERT INTO case_extensions (request_id, case_id, seq, unit_id, requested_until, reason, requested_at)
      VALUES (${text(d.requestId) ?? `${e.caseId}:${e.seq}`}, ${e.caseId}, ${e.seq}, ${text(d.unitId)},
              ${time(d.until)}, ${text(d.reason)}, ${e.at})`;
    await tx`UPDATE cases SET extension_count = extension_count + 1 WHERE id = ${e.caseId}`;
  },
  extension_decided: (tx, d, e) => tx`
    UPDATE case_extensions SET status = ${d.approved ? 'approved' : 'denied'}, decided_seq = ${e.seq},
      decided_at = ${e.at}, decided_by = ${tx.json(e.actor as never)}, note = ${text(d.note)},
      deadline_after = ${time(d.deadline)}
    WHERE request_id = ${text(d.requestId) ?? ''} AND case_id = ${e.caseId}`,

  resolved: (tx, d, e) =>
    tx`UPDATE cases SET measures = coalesce(${text(d.measures)}, measures) WHERE id = ${e.caseId}`,
  followed_up: async (tx, d, e) => {
    await tx`
      INSERT INTO case_follow_ups (case_id, seq, satisfied, note, at, actor)
      VALUES (${e.caseId}, ${e.seq}, ${d.satisfied === true}, ${text(d.note)}, ${e.at}, ${tx.json(e.actor as never)})`;
    await tx`UPDATE cases SET follow_up_count = follow_up_count + 1 WHERE id = ${e.caseId}`;
  },
  reopened: (tx, _d, e) => tx`UPDATE cases SET rework_count = rework_count + 1 WHERE id = ${e.caseId}`,
  closed: (tx, d, e) => tx`
    UPDATE cases SET duplicate_of = ${text(d.duplicateOf)}, measures = coalesce(${text(d.measures)}, measures)
    WHERE id = ${e.caseId}`,
};

interface EscalationRow {
  kind: 'reminder' | 'report_missed' | 'escalation';
  unitId: string | null;
  level?: number;
  reason?: string;
  notified?: string[];
  dueAt?: string;
  missedReports?: number;
}

async function escalationRow(tx: TransactionSql, e: CaseEventInput, row: EscalationRow): Promise<void> {
  await tx`
    INSERT INTO case_escalations (case_id, seq, kind, level, reason, unit_id, notified_units, due_at, missed_reports, at)
    VALUES (${e.caseId}, ${e.seq}, ${row.kind}, ${int(row.level) ?? 0}, ${text(row.reason)}, ${text(row.unitId)},
            ${(row.notified ?? []).filter((u) => typeof u === 'string')}::text[], ${time(row.dueAt)},
            ${int(row.missedReports)}, ${e.at})`;
}

/** Projects one new event into its tables; events without a projection live in the audit trail only. */
export async function projectEvent(tx: TransactionSql, event: CaseEventInput, snapshot: CaseState): Promise<void> {
  const project = projectors[event.type as CaseEventType] as Projector<CaseEventType> | undefined;
  if (project) await project(tx, (event.data ?? {}) as never, event, snapshot);
}
