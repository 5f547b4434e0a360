-- duban's first schema: reference data, the case read model, the audit trail, tokens.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

CREATE TABLE units (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('department', 'township', 'office', 'leadership')),
  parent_id text REFERENCES units (id),
  webhook_url text,
  leader_name text,
  leader_contact text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE localities (
  code text PRIMARY KEY,
  name text NOT NULL,
  parent_code text REFERENCES localities (code),
  governing_unit_id text REFERENCES units (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
  code text PRIMARY KEY,
  name text NOT NULL,
  business_owner_unit_id text REFERENCES units (id),
  default_kind text,
  policy_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every policy a category ever had: a case pins the version it was reported under.
CREATE TABLE category_policies (
  category_code text NOT NULL REFERENCES categories (code),
  version integer NOT NULL,
  policy jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (category_code, version)
);

-- Every published rule set; the highest version is the one in force.
CREATE TABLE routing_rule_sets (
  version integer PRIMARY KEY,
  rules jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text
);

-- Reporters live apart from events, which hold only the id, so erasure never breaks a hash chain.
CREATE TABLE reporters (
  id uuid PRIMARY KEY,
  name text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);

-- The read model: one row per case, the newest snapshot the workflow projected (highest seq wins).
CREATE TABLE cases (
  id text PRIMARY KEY,
  seq integer NOT NULL,
  status text NOT NULL,
  kind text NOT NULL,
  category text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  locality text NOT NULL,
  priority text NOT NULL,
  reporter_id uuid REFERENCES reporters (id),
  visit_id uuid,
  reported_by jsonb NOT NULL,
  lead_unit_id text,
  co_handlers text[] NOT NULL DEFAULT '{}',
  routing jsonb NOT NULL,
  policy jsonb NOT NULL,
  deadline timestamptz,
  next_report_due timestamptz,
  missed_reports integer NOT NULL DEFAULT 0,
  overdue boolean NOT NULL DEFAULT false,
  escalation_level integer NOT NULL DEFAULT 0,
  close_reason text,
  reported_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX cases_lead_unit_idx ON cases (lead_unit_id, reported_at DESC, id);
CREATE INDEX cases_status_idx ON cases (status, reported_at DESC, id);
CREATE INDEX cases_co_handlers_idx ON cases USING gin (co_handlers);

-- The audit trail: append-only, one row per (case, seq), each chained to the previous by hash.
CREATE TABLE case_events (
  case_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  data jsonb NOT NULL,
  prev_hash text,
  hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER case_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'office', 'leader', 'unit', 'visitor')),
  unit_id text REFERENCES units (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((role = 'unit') = (unit_id IS NOT NULL))
);

-- `Idempotency-Key` of POST /v1/cases: the same key and body answer the same case.
CREATE TABLE idempotency_keys (
  token_id uuid NOT NULL,
  key text NOT NULL,
  body_hash text NOT NULL,
  case_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);
