import type { InboxFinding } from '../domain/inbox';
import type { Db } from './sql';

// One small query per inbox kind (docs/inbox.md). Each reads the read model (`cases`) and the
// projection tables, returns its oldest `limit` items by `since` and, in `total`, how many there are
// in all. Open cases are `assigned` or `in_progress` where a clock runs against the unit.

export interface InboxScope {
  db: Db;
  now: Date;
  /** Items due before this instant are due soon: now + the warning window. */
  warnUntil: Date;
  warnSeconds: number;
  /** Alerts and visit re-checks older than this have left the inbox. */
  recentFrom: Date;
  limit: number;
}

/** A query's row: the fields of its finding it fills, and the count of all its items. */
export type Found = Partial<Omit<InboxFinding, 'kind' | 'title' | 'since'>> &
  Pick<InboxFinding, 'title' | 'since'> & { total: number };

/**
 * Cases in triage, with the event that put them there: `triaged` after a `returned` one is a return
 * (kind `returned`, quoting the unit's reason); otherwise no route (`no_route`) or a rework of a case
 * closed on the spot (`reopened`).
 */
export function triageCases({ db, limit }: InboxScope) {
  return db<Array<Found & { returned: boolean; returnedTotal: number }>>`
    SELECT c.id AS "caseId", c.title, e.at AS since, r.seq IS NOT NULL AS returned,
           coalesce(r.data ->> 'reason', e.reason) AS note,
           CASE WHEN r.seq IS NOT NULL THEN coalesce(u.name, r.data ->> 'unitId')
                WHEN e.type = 'reopened' THEN 'reopened' ELSE e.reason END AS code,
           (count(*) FILTER (WHERE r.seq IS NOT NULL) OVER ())::int AS "returnedTotal", (count(*) OVER ())::int AS total
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT ev.seq, ev.type, ev.at, ev.data ->> 'reason' AS reason FROM case_events ev
      WHERE ev.case_id = c.id AND ev.type IN ('reported', 'triaged', 'reopened')
      ORDER BY ev.seq DESC LIMIT 1) e
    -- A return emits 'returned' and then 'triaged' (reason returned): the pair is adjacent.
    LEFT JOIN case_events r ON e.reason = 'returned' AND r.case_id = c.id AND r.seq = e.seq - 1 AND r.type = 'returned'
    LEFT JOIN units u ON u.id = r.data ->> 'unitId'
    WHERE c.status = 'triage'
    ORDER BY since, c.id LIMIT ${limit}`;
}

/** Extension requests waiting for the office's decision; due is the deadline they would move. */
export function pendingExtensions({ db, limit }: InboxScope) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, x.requested_at AS since, c.deadline AS due, x.requested_until AS until,
           x.reason AS note, (count(*) OVER ())::int AS total
    FROM case_extensions x JOIN cases c ON c.id = x.case_id
    WHERE x.status = 'pending' AND c.status = 'in_progress'
    ORDER BY since, c.id LIMIT ${limit}`;
}

/** Resolutions awaiting the resident's follow-up: all of them, or those reported by `reporterId`. */
export function awaitingFollowUp({ db, limit }: InboxScope, reporterId: string | null) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, coalesce(c.resolved_at, c.updated_at) AS since, c.follow_up_due AS due,
           (count(*) OVER ())::int AS total
    FROM cases c
    WHERE c.status = 'verifying' AND (${reporterId}::text IS NULL OR (c.reported_by ->> 'id') = ${reporterId})
    ORDER BY since, c.id LIMIT ${limit}`;
}

/** Open cases escalated to `minLevel` or above, since their latest escalation. */
export function escalatedCases({ db, limit }: InboxScope, minLevel: number) {
  return db<Found[]>`
    SELECT c.id AS "caseId", c.title, coalesce(e.at, c.updated_at) AS since, c.escalation_level AS count,
           e.reason AS code, CASE WHEN c.status = 'assigned' THEN c.accept_due ELSE c.deadline END AS due,
           (count(*) OVER ())::int AS total
    FROM cases c
    LEFT JOIN LATERAL (
      SELECT x.at, x.reason FROM case_escalations x
      WHERE x.case_id = c.id AND x.kind = 'escalation' ORDER BY x.seq DESC LIMIT 1) e ON TRUE
    WHERE c.escalation_level >= ${minLevel} AND c.status IN ('assigned', 'in_progress')
    ORDER BY since, c.id LIMIT ${limit}`;
}

/**
 * Failed re-checks not yet made good. A failed case check reopened the case (or found it open): it is
 * handled once the case is resolved or closed again after the check. Nothing records the handling of
 * a failed visit check, so it stays for the recent window.
 */
export function failedSpotChecks({ db, limit, recentFrom }: InboxScope) {
  return db<Found[]>`
    SELECT c.id AS "caseId", coalesce(c.title, v.target_name, s.subject_id) AS title, s.checked_at AS since,
           s.note, s.subject_type AS code, (count(*) OVER ())::int AS total
    FROM spot_checks s
    LEFT JOIN cases c ON s.subject_type = 'case' AND c.id = s.subject_id
    LEFT JOIN visits v ON v.id = CASE WHEN s.subject_type = 'visit' THEN s.subject_id::uuid END
    WHERE s.result = 'failed' AND CASE
      WHEN s.subject_type = 'case' THEN NOT (coalesce(c.resolved_at > s.checked_at, FALSE)
                                             OR (c.status = 'closed' AND coalesce(c.closed_at > s.checked_at, FALSE)))
      ELSE s.checked_at >= ${recentFrom} END
    ORDER BY since, s.id LIMIT ${limit}`;
}

/**
 * The journal's operator alerts (a refused write, workflows/case/journal-refusals.ts): notices to the
 * office whose subject starts 【系统告警】, for the recent window. The literal matches the partial index.
 */
export function systemAlerts({ db, limit, recentFrom }: InboxScope) {
  return db<Found[]>`
    SELECT n.case_id AS "caseId", n.subject AS title, n.created_at AS since, n.body AS note,
           (count(*) OVER ())::int AS total
    FROM notifications n
    WHERE n.subject LIKE '【系统告警】%' AND n.created_at >= ${recentFrom}
    ORDER BY since, n.id LIMIT ${limit}`;
}
