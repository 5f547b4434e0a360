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

/**
 * Stores one transition: appends the event to the hash chain, upserts the read-model snapshot and
 * projects the event into its tables (projections.ts), in one transaction. Idempotent (an event
 * already stored changes nothing) and safe under out-of-order retries: an event whose predecessor is
 * missing throws, so Temporal retries it after the gap fills, and a snapshot older than the stored
 * one never overwrites it.
 */
export async function recordTransition(sql: Sql, event: CaseEventInput, snapshot: CaseState): Promise<void> {
  await sql.begin(async (tx) => {
    // Serialises writers of one case; other cases proceed in parallel.
    await tx`SELECT pg_advisory_xact_lock(hashtext(${event.caseId}))`;
    const [last] = await tx<{ seq: number; hash: string }[]>`
      SELECT seq, hash FROM case_events WHERE case_id = ${event.caseId} ORDER BY seq DESC LIMIT 1`;
    const lastSeq = last?.seq ?? 0;
    if (event.seq <= lastSeq) return upsertSnapshot(tx, snapshot);
    if (event.seq !== lastSeq + 1) throw new EventOutOfOrderError(event.caseId, event.seq, lastSeq);
    const prevHash = last?.hash ?? null;
    await tx`
      INSERT INTO case_events (case_id, seq, type, at, actor, data, prev_hash, hash)
      VALUES (${event.caseId}, ${event.seq}, ${event.type}, ${event.at}, ${tx.json(event.actor as never)},
              ${tx.json(event.data as never)}, ${prevHash}, ${eventHash(event, prevHash)})`;
    await upsertSnapshot(tx, snapshot);
    await projectEvent(tx, event, snapshot);
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
