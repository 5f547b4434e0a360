-- Issue 13 (limits and least exposure): per-unit webhook secrets, and reporter erasure recorded in a
-- side chain of each case (docs/limits.md, docs/domain.md "Audit trail and privacy").
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

-- A unit's own key for X-Duban-Signature, so that one receiver cannot forge messages to another. Kept
-- in the clear because signing needs it (an HMAC key cannot be hashed); shown once when rotated.
-- A unit without one is signed with DUBAN_WEBHOOK_SECRET, as before.
CREATE TABLE unit_webhook_secrets (
  unit_id text PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
  secret text NOT NULL CHECK (length(secret) >= 32),
  rotated_at timestamptz NOT NULL DEFAULT now()
);

-- The `erased` events of a case. A case's own chain (case_events) is appended only by its workflow's
-- journal, which owns the sequence numbers; an erasure comes from the API, at any time, so it goes to
-- this side chain instead: `seq` counts the case's erasures, and each hash links to the previous
-- erasure's, the first one to the case chain's head at that moment (`after_seq`, its hash in
-- `prev_hash`). The case chain is never rewritten, so it stays valid; this one is checked the same way.
CREATE TABLE case_erasures (
  case_id text NOT NULL REFERENCES cases (id),
  seq integer NOT NULL CHECK (seq >= 1),
  after_seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  data jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);

CREATE TRIGGER case_erasures_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_erasures
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_erasures_no_truncate
  BEFORE TRUNCATE ON case_erasures
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON case_erasures FROM duban_app;

-- The free text a reporter typed stays erased: the read model is rewritten from the workflow's
-- snapshot at each of its transitions, and a running workflow still holds the description, so every
-- write of an erased case's row puts the marker back instead.
CREATE FUNCTION cases_keep_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM case_erasures WHERE case_id = NEW.id) THEN
    NEW.description := '（已删除）';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER cases_keep_erasure
  BEFORE INSERT OR UPDATE OF description ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_keep_erasure();

-- Delivery errors keep the status code only: an answer's body is a view into whatever the target is.
UPDATE notification_deliveries SET last_error = substring(last_error FROM '^HTTP [0-9]{3}')
WHERE last_error ~ '^HTTP [0-9]{3}: ';

-- A visitor's visits count for its unit, taken from the caller, never from the body (docs/limits.md):
-- a visiting team's token may carry its unit as a visitor account does (0010); other roles still none.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_unit_check
  CHECK ((role <> 'unit' OR unit_id IS NOT NULL) AND (role IN ('unit', 'visitor') OR unit_id IS NULL));
