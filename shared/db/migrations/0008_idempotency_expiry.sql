-- Issue 12 (idempotency that ends): case actions take an Idempotency-Key too, and keys of both kinds
-- expire (DUBAN_IDEMPOTENCY_TTL) and are purged daily by the duban-idempotency-purge schedule.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

-- The purge deletes by age; without this it would read the whole table every day.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- One Idempotency-Key of one caller on a case action: what it was first used for (case, action,
-- body), the Update id every retry sends, and, once the Update answered, that answer, so a retry is
-- answered from here even after the case's workflow continued as new (docs/api-notes.md).
CREATE TABLE case_action_keys (
  token_id uuid NOT NULL,
  key text NOT NULL,
  case_id text NOT NULL REFERENCES cases (id),
  action text NOT NULL,
  body_hash text NOT NULL,
  update_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- NULL until the Update answered: a retry then sends the same Update id, and Temporal dedupes it.
  answered_at timestamptz,
  answer jsonb,
  PRIMARY KEY (token_id, key)
);
CREATE INDEX case_action_keys_created_idx ON case_action_keys (created_at);
