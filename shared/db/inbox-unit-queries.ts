import type { Found, InboxScope } from './inbox-queries';

// The unit's inbox kinds: what waits on a unit as the lead of a case (docs/inbox.md). A co-handler's
// contribution meets no duty (the case-action table), so nothing waits on a co-handler here. A unit's
// queries read the partial index of its open cases, cases_open_lead_idx (migration 0015).

/** Cases assigned to the unit that it has not signed for; due is the sign-for deadline. */
export function toSign({ db, limit }: InboxScope, unitId: string) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, coalesce(c.assigned_at, c.updated_at) AS since, c.accept_due AS due,
           (count(*) OVER ())::int AS total
    FROM cases c
    WHERE c.lead_unit_id = ${unitId} AND c.status = 'assigned'
    ORDER BY since, c.id LIMIT ${limit}`;
}

/**
 * Weekly reports due within the warning window, late, or missed (the count of misses in a row, whose
 * first due time the item dates from; the workflow has already moved the next report a period on).
 */
export function reportsDue({ db, limit, warnUntil, warnSeconds }: InboxScope, unitId: string) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, c.next_report_due AS due, c.missed_reports AS count,
           coalesce(m.first_missed, c.next_report_due - make_interval(secs => ${warnSeconds})) AS since,
           (count(*) OVER ())::int AS total
    FROM cases c
    LEFT JOIN LATERAL (
      SELECT min(x.due_at) AS first_missed FROM (
        SELECT e.due_at, row_number() OVER (ORDER BY e.seq DESC) AS latest FROM case_escalations e
        WHERE e.case_id = c.id AND e.kind = 'report_missed') x
      WHERE x.latest <= c.missed_reports) m ON c.missed_reports > 0
    WHERE c.lead_unit_id = ${unitId} AND c.status = 'in_progress'
      AND (c.next_report_due <= ${warnUntil} OR c.missed_reports > 0)
    ORDER BY since, c.id LIMIT ${limit}`;
}

/** Reworks (重办): cases reopened and back in the unit's hands, since the latest reopen. */
export function reworks({ db, limit }: InboxScope, unitId: string) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, coalesce(r.at, c.updated_at) AS since, c.deadline AS due, r.reason AS code,
           r.note, (count(*) OVER ())::int AS total
    FROM cases c
    LEFT JOIN LATERAL (
      SELECT e.at, e.data ->> 'reason' AS reason, e.data ->> 'note' AS note FROM case_events e
      WHERE e.case_id = c.id AND e.type = 'reopened' ORDER BY e.seq DESC LIMIT 1) r ON TRUE
    WHERE c.lead_unit_id = ${unitId} AND c.status = 'in_progress' AND c.rework_count > 0
    ORDER BY since, c.id LIMIT ${limit}`;
}

/**
 * Deadlines near and not yet passed (临期): the case was warned by its policy's `warnBefore` (the
 * `dueSoon` flag), or — under a policy that sets no warning — its deadline is within the inbox's window.
 */
export function dueSoon({ db, limit, warnUntil, warnSeconds }: InboxScope, unitId: string) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, c.deadline - make_interval(secs => ${warnSeconds}) AS since,
           c.deadline AS due, (count(*) OVER ())::int AS total
    FROM cases c
    WHERE c.lead_unit_id = ${unitId} AND c.status = 'in_progress' AND NOT c.overdue
      AND (c.due_soon OR (c.policy->'warnBefore' IS NULL AND c.deadline <= ${warnUntil}))
    ORDER BY since, c.id LIMIT ${limit}`;
}

/**
 * Leaders' instructions (领导批示) on the cases the unit leads that it has not acknowledged (table
 * case_instructions, migration 0018); due is the deadline the instruction set, if it set one.
 */
export function instructions({ db, limit }: InboxScope, unitId: string) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, i.given_at AS since, i.deadline AS due, i.text AS note,
           (count(*) OVER ())::int AS total
    FROM case_instructions i JOIN cases c ON c.id = i.case_id
    WHERE c.lead_unit_id = ${unitId} AND i.acknowledged_at IS NULL
      AND c.status IN ('assigned', 'in_progress', 'verifying')
    ORDER BY since, c.id, i.instruction_id LIMIT ${limit}`;
}

/** Open cases past their deadline: one unit's as lead, or every one (the leader's). */
export function overdueCases({ db, limit }: InboxScope, unitId: string | null) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, coalesce(c.deadline, c.updated_at) AS since, c.deadline AS due,
           (count(*) OVER ())::int AS total
    FROM cases c
    WHERE c.overdue AND c.status IN ('assigned', 'in_progress')
      AND (${unitId}::text IS NULL OR c.lead_unit_id = ${unitId})
    ORDER BY since, c.id LIMIT ${limit}`;
}
