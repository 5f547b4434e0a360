-- Issue 6 (supervision): campaigns and their targets, visits, imports, the daily spot check (日抽查),
-- and the stored weekly bulletins and monthly summaries (周调度、月小结). docs/supervision.md.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

CREATE TABLE campaigns (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_by jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaigns_starts_idx ON campaigns (starts_on DESC, id DESC);

-- A target without a unit is the campaign's own (城市总任务数); with one, that unit's share.
CREATE TABLE campaign_targets (
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  unit_id text REFERENCES units (id),
  target_type text NOT NULL CHECK (target_type IN ('household', 'village', 'community', 'enterprise', 'school')),
  count integer NOT NULL CHECK (count >= 0)
);
-- One target per (campaign, unit or none, type): NULL units must collide too, hence the expression.
CREATE UNIQUE INDEX campaign_targets_key ON campaign_targets (campaign_id, coalesce(unit_id, ''), target_type);

-- One bulk upload of visits: who sent it, and what came of it, so a retried upload with the same
-- Idempotency-Key answers the first result instead of storing every row twice.
CREATE TABLE visit_imports (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  token_id uuid NOT NULL,
  idempotency_key text,
  content_type text NOT NULL,
  recorded_by jsonb NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  imported integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  errors_truncated boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX visit_imports_idempotency_idx ON visit_imports (token_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- 走访. visited_on is the day in Beijing, computed by the application (UTC+8, no daylight saving):
-- the daily spot check samples a day's visits by it.
CREATE TABLE visits (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  target_type text NOT NULL CHECK (target_type IN ('household', 'village', 'community', 'enterprise', 'school')),
  target_name text NOT NULL,
  locality text NOT NULL REFERENCES localities (code),
  unit_id text REFERENCES units (id),
  visited_at timestamptz NOT NULL,
  visited_on date NOT NULL,
  notes text,
  recorded_by jsonb NOT NULL,
  import_id uuid REFERENCES visit_imports (id),
  source_row integer,
  token_id uuid,
  idempotency_key text,
  body_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_progress_idx ON visits (campaign_id, target_type, unit_id);
CREATE INDEX visits_day_idx ON visits (visited_on, id);
CREATE UNIQUE INDEX visits_idempotency_idx ON visits (token_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The cases a visit reported (cases.visit_id is written by the case workflow's snapshot; no foreign
-- key, because a projection that failed on it would hold the case's workflow still).
CREATE INDEX cases_visit_idx ON cases (visit_id) WHERE visit_id IS NOT NULL;
-- The spot check's population of recently closed cases.
CREATE INDEX cases_closed_idx ON cases (closed_at) WHERE status = 'closed';

-- 日抽查: one row per day once its sample is drawn, so an empty sample is still "drawn" and a second
-- draw for the same day changes nothing.
CREATE TABLE spot_check_days (
  date date PRIMARY KEY,
  drawn_at timestamptz NOT NULL,
  visit_population integer NOT NULL,
  case_population integer NOT NULL,
  settings jsonb NOT NULL
);

CREATE TABLE spot_checks (
  id uuid PRIMARY KEY,
  date date NOT NULL REFERENCES spot_check_days (date),
  subject_type text NOT NULL CHECK (subject_type IN ('visit', 'case')),
  subject_id text NOT NULL,
  -- The order in which the seeded draw picked it.
  position integer NOT NULL,
  result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'passed', 'failed')),
  note text,
  checked_by jsonb,
  checked_at timestamptz,
  UNIQUE (date, subject_type, subject_id)
);
CREATE INDEX spot_checks_subject_idx ON spot_checks (subject_type, subject_id);

-- The bulletin's flows read events of a few types by time; case_events is otherwise read per case.
CREATE INDEX case_events_type_at_idx ON case_events (type, at);
CREATE INDEX case_escalations_at_idx ON case_escalations (at);

-- 周调度、月小结 as the scheduled workflows stored them. A recomputation replaces the header and all
-- of its unit rows in one transaction.
CREATE TABLE bulletins (
  kind text NOT NULL CHECK (kind IN ('weekly', 'monthly')),
  period text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  computed_at timestamptz NOT NULL,
  totals jsonb NOT NULL,
  settings jsonb NOT NULL,
  PRIMARY KEY (kind, period)
);

CREATE TABLE bulletin_units (
  kind text NOT NULL,
  period text NOT NULL,
  unit_id text NOT NULL,
  unit_name text,
  rank integer NOT NULL,
  assigned integer NOT NULL,
  accepted integer NOT NULL,
  pending_accept integer NOT NULL,
  in_progress integer NOT NULL,
  resolved integer NOT NULL,
  overdue integer NOT NULL,
  missed_reports integer NOT NULL,
  escalations integer NOT NULL,
  median_accept_seconds double precision,
  median_resolve_seconds double precision,
  resolution_rate double precision,
  slow_reasons text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (kind, period, unit_id),
  FOREIGN KEY (kind, period) REFERENCES bulletins (kind, period) ON DELETE CASCADE
);
