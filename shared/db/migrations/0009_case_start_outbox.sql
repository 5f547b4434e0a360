-- Issue 12 (intake that never waits on a worker): the outbox of case starts. The API stores a report,
-- its placement (the `reported` event and its outcome at the head of the case's chain), the
-- Idempotency-Key and this row in one transaction, then starts the case's workflow and deletes the
-- row. A row still here at `next_attempt_at` was not known to start: the worker's sweeper starts it
-- (worker/case-start-sweeper.ts), so a report accepted while Temporal was down gets its workflow
-- when Temporal is back. Forward-only: never edit an applied migration; add the next number instead.
CREATE TABLE case_starts (
  case_id text PRIMARY KEY REFERENCES cases (id),
  task_queue text NOT NULL,
  -- The workflow's input: the case as placed (`carried`) and the notices its events owe.
  workflow_input jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX case_starts_due_idx ON case_starts (task_queue, next_attempt_at);

-- A replayed key is answered from the case's row now; new keys no longer keep a workflow input.
COMMENT ON COLUMN idempotency_keys.workflow_input IS 'set only by intakes before migration 0009';
