-- Issue 3 (the case workflow): the notification outbox, and the dispatch batches (集中交办).
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

-- Reminders, notices, escalations and assignments the case workflows send, waiting for delivery.
-- The id is the workflow's (case id and event seq), so a retried activity inserts nothing twice.
CREATE TABLE notifications (
  id text PRIMARY KEY,
  case_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reminder', 'notice', 'escalation', 'assignment')),
  level integer NOT NULL CHECK (level BETWEEN 0 AND 2),
  recipient_unit_ids text[] NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  sent_at timestamptz
);

CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending';
CREATE INDEX notifications_case_idx ON notifications (case_id, created_at);
CREATE INDEX notifications_recipients_idx ON notifications USING gin (recipient_unit_ids);

-- One row per dispatch list (交办单). The id is the batch workflow's id, so a retried start is the
-- same batch; numbers are given under a lock, without gaps, because the office cites them.
-- An urgent case gets a batch of its own (kind 'urgent') when it is reported.
CREATE TABLE dispatch_batches (
  id text PRIMARY KEY,
  number integer NOT NULL UNIQUE,
  kind text NOT NULL DEFAULT 'batch' CHECK (kind IN ('batch', 'urgent')),
  at timestamptz NOT NULL,
  requested_by jsonb NOT NULL,
  -- Set when the batch's list of cases is fixed: a retried batch reuses the list, never extends it.
  sealed_at timestamptz
);

-- The cases on each list. unique (case_id): a case is dispatched at most once, by one batch.
CREATE TABLE dispatch_batch_cases (
  batch_id text NOT NULL REFERENCES dispatch_batches (id),
  case_id text NOT NULL UNIQUE,
  lead_unit_id text NOT NULL,
  -- Null until the case workflow answered: 'dispatched', or the refusal type when it was skipped.
  outcome text,
  PRIMARY KEY (batch_id, case_id)
);

CREATE INDEX dispatch_batch_cases_lead_idx ON dispatch_batch_cases (batch_id, lead_unit_id);
