import type { CaseEventInput, CaseState } from '../case-contract';
import { eventHash } from './event-hash';
import { projectEvent } from './projections';
import type { Db, Sql } from './sql';

export class EventOutOfOrderError extends Error {
  constructor(caseId: string, seq: number, last: number) {
    super(`event ${seq} of ${caseId} arrived before event ${last + 1}; it will be retried`);
    this.name = 'EventOutOfOrderError';
  }
}

/** One transition as the workflow hands it over: the event and the state it produced. */
export interface Transition {
  event: CaseEventInput;
  snapshot: CaseState;
}

/**
 * Stores one transition: appends the event to the hash chain, upserts the read-model snapshot and
 * projects the event into its tables (projections.ts), in one transaction. Idempotent (an event
 * already stored changes nothing) and safe under out-of-order retries: an event whose predecessor is
 * missing throws, so Temporal retries it after the gap fills, and a snapshot older than the stored
 * one never overwrites it.
 */
export async function recordTransition(sql: Sql, event: CaseEventInput, snapshot: CaseState): Promise<void> {
  await recordTransitions(sql, [{ event, snapshot }]);
}

/**
 * Stores consecutive transitions of one case in one transaction, in order, with recordTransition's
 * guarantees for each: a workflow that emits several events in one step (a report and its queueing)
 * pays for one round trip and one commit.
 */
export async function recordTransitions(sql: Sql, transitions: readonly Transition[]): Promise<void> {
  if (transitions.length === 0) return;
  const caseId = transitions[0]!.event.caseId;
  if (transitions.some((t) => t.event.caseId !== caseId)) throw new Error('transitions of one case only');
  await sql.begin(async (tx) => {
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
                ${tx.json(event.data as never)}, ${prevHash}, ${hash})`;
      await upsertSnapshot(tx, snapshot);
      await projectEvent(tx, event, snapshot);
      lastSeq = event.seq;
      prevHash = hash;
    }
  });
}

async function upsertSnapshot(db: Db, s: CaseState): Promise<void> {
  // `?? null` on the fields added to CaseState later: a snapshot from an older workflow lacks them.
  await db`
    INSERT INTO cases (id, seq, status, kind, category, title, description, locality, priority, reporter_id, visit_id,
                       reported_by, lead_unit_id, co_handlers, routing, policy, accept_due, deadline, next_report_due,
                       missed_reports, overdue, escalation_level, resolved_at, follow_up_due, close_reason, closed_at,
                       reported_at, updated_at)
    VALUES (${s.id}, ${s.seq}, ${s.status}, ${s.kind}, ${s.category}, ${s.title}, ${s.description}, ${s.locality},
            ${s.priority}, ${s.reporterId}, ${s.visitId}, ${db.json(s.reportedBy as never)}, ${s.lead},
            ${s.coHandlers}, ${db.json(s.routing as never)}, ${db.json(s.policy as never)}, ${s.acceptDue ?? null},
            ${s.deadline}, ${s.nextReportDue}, ${s.missedReports}, ${s.overdue}, ${s.escalationLevel},
            ${s.resolution?.resolvedAt ?? null}, ${s.followUpDue ?? null}, ${s.closeReason}, ${s.closedAt ?? null},
            ${s.reportedAt}, ${s.updatedAt})
    ON CONFLICT (id) DO UPDATE SET
      seq = EXCLUDED.seq, status = EXCLUDED.status, kind = EXCLUDED.kind, category = EXCLUDED.category,
      title = EXCLUDED.title, description = EXCLUDED.description, locality = EXCLUDED.locality,
      priority = EXCLUDED.priority, lead_unit_id = EXCLUDED.lead_unit_id, co_handlers = EXCLUDED.co_handlers,
      routing = EXCLUDED.routing, policy = EXCLUDED.policy, accept_due = EXCLUDED.accept_due,
      deadline = EXCLUDED.deadline, next_report_due = EXCLUDED.next_report_due,
      missed_reports = EXCLUDED.missed_reports, overdue = EXCLUDED.overdue,
      escalation_level = EXCLUDED.escalation_level, resolved_at = EXCLUDED.resolved_at,
      follow_up_due = EXCLUDED.follow_up_due, close_reason = EXCLUDED.close_reason, closed_at = EXCLUDED.closed_at,
      updated_at = EXCLUDED.updated_at
    -- A retried older transition arrives after a newer one: the newer snapshot stays.
    WHERE cases.seq < EXCLUDED.seq`;
}
