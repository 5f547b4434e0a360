-- Issue 13 (an audit trail that holds against the database's own users): two roles, and signed
-- checkpoints over every case's chain head (docs/security.md, docs/audit.md).
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.
--
-- Migrations run as the owner role (DATABASE_OWNER_URL); the API and the worker run as a login role
-- that is a member of duban_app (DATABASE_URL). duban_app itself cannot log in: the deployment creates
-- the login role (with its password) and grants duban_app to it, so this file names no password and no
-- deployment's user. Privileges granted here belong to this database; the role is the cluster's.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'duban_app') THEN
    CREATE ROLE duban_app NOLOGIN;
  END IF;
EXCEPTION
  -- Roles belong to the cluster: another database's migration may have created it a moment ago.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Ordinary work on every table, present and future: later migrations run as the same owner, so
-- their tables are granted as they are created and no migration needs to remember this one.
GRANT USAGE ON SCHEMA public TO duban_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO duban_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO duban_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO duban_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO duban_app;

-- The audit trail: append and read, nothing more. UPDATE, DELETE and TRUNCATE are refused by the
-- privilege system before the append-only triggers are even reached, and ALTER TABLE (DISABLE
-- TRIGGER, DROP) needs ownership, which stays with the owner role.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON case_events FROM duban_app;
-- Only the migrations record what they applied.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM duban_app;

-- One signed root over every case's chain head (the duban-audit-checkpoint schedule). The signing
-- key is never here: the worker holds it, the auditor holds its public key (docs/audit.md).
CREATE TABLE audit_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  -- sha256 over the sorted heads, hex; `heads` is what it was computed from: [[caseId, seq, hash], ...].
  root text NOT NULL,
  heads jsonb NOT NULL,
  cases integer NOT NULL,
  -- What the checkpoint found against the previous one (a case deleted, truncated or rewritten).
  findings jsonb NOT NULL DEFAULT '[]',
  -- Ed25519 over the signed message (shared/audit/checkpoint-message.ts), base64; key_id names the key.
  signature text NOT NULL,
  key_id text NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_checkpoints FROM duban_app;
-- Append-only like the trail it anchors, for the owner's accidents too.
CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_checkpoints_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
