-- Issue 14 (an inbox for every desk, docs/inbox.md): partial indexes for the inbox's queries, each
-- over the few rows that can wait on someone, so an inbox is a small index read however long the
-- ledger grows. Triage, verifying, escalated and overdue cases already have theirs (0002).
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

-- A unit's open cases as lead: to sign for, reports due, reworks, deadlines near.
CREATE INDEX cases_open_lead_idx ON cases (lead_unit_id, status) WHERE status IN ('assigned', 'in_progress');

-- Failed re-checks, newest last: the office's inbox reads them until the case is made good.
CREATE INDEX spot_checks_failed_idx ON spot_checks (checked_at) WHERE result = 'failed';

-- The journal's operator alerts among every notice ever sent.
CREATE INDEX notifications_system_alert_idx ON notifications (created_at) WHERE subject LIKE '【系统告警】%';
