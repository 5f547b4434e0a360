-- The ledger (整改台账): what the read model projects from events besides the workflow's snapshot,
-- the per-event tables (weekly reports, extensions, follow-ups, escalations), and the indexes the
-- ledger's queries use. docs/ledger.md shows the plans that chose each index.

-- More of the case for the ledger. accept_due, resolved_at, follow_up_due and closed_at come with the
-- workflow's snapshot (case-store.ts); the rest only events carry, and each event's projection
-- (shared/db/projections.ts) writes them, exactly once.
ALTER TABLE cases
  ADD COLUMN accept_due timestamptz,
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN follow_up_due timestamptz,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN duplicate_of text,
  ADD COLUMN measures text,
  ADD COLUMN last_report_at timestamptz,
  ADD COLUMN last_report_summary text,
  ADD COLUMN last_report_percent integer,
  ADD COLUMN report_count integer NOT NULL DEFAULT 0,
  ADD COLUMN contribution_count integer NOT NULL DEFAULT 0,
  ADD COLUMN missed_report_count integer NOT NULL DEFAULT 0,
  ADD COLUMN reminder_count integer NOT NULL DEFAULT 0,
  ADD COLUMN escalation_count integer NOT NULL DEFAULT 0,
  ADD COLUMN extension_count integer NOT NULL DEFAULT 0,
  ADD COLUMN follow_up_count integer NOT NULL DEFAULT 0,
  ADD COLUMN rework_count integer NOT NULL DEFAULT 0;

-- Projection tables hold what events carry and require little more than their keys: a projection
-- that fails would hold the case's workflow still (projections.ts).

-- 一周一上报: the lead unit's weekly reports and the co-handlers' contributions.
CREATE TABLE case_reports (
  case_id text NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('report', 'contribution')),
  unit_id text,
  progress text NOT NULL,
  measures text,
  percent_done integer,
  blockers text,
  due_at timestamptz,
  on_time boolean,
  submitted_at timestamptz NOT NULL,
  submitted_by jsonb NOT NULL,
  PRIMARY KEY (case_id, seq),
  UNIQUE (case_id, id)
);
CREATE INDEX case_reports_unit_idx ON case_reports (unit_id, submitted_at);

-- 延期: one row per request, completed by its decision.
CREATE TABLE case_extensions (
  case_id text NOT NULL REFERENCES cases (id),
  request_id text NOT NULL,
  seq integer NOT NULL,
  unit_id text,
  requested_until timestamptz,
  reason text,
  requested_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
  decided_seq integer,
  decided_at timestamptz,
  decided_by jsonb,
  note text,
  deadline_after timestamptz,
  PRIMARY KEY (case_id, request_id),
  UNIQUE (case_id, seq)
);
CREATE INDEX case_extensions_pending_idx ON case_extensions (requested_at) WHERE status = 'pending';

-- 回访: the office's or the visitor's check with the resident.
CREATE TABLE case_follow_ups (
  case_id text NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  satisfied boolean NOT NULL,
  note text,
  at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- 提醒、通报、升级督办: reminders, missed reports and escalations, per unit for the weekly bulletin.
CREATE TABLE case_escalations (
  case_id text NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reminder', 'report_missed', 'escalation')),
  level smallint NOT NULL DEFAULT 0,
  reason text,
  unit_id text,
  notified_units text[] NOT NULL DEFAULT '{}',
  due_at timestamptz,
  missed_reports integer,
  at timestamptz NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_escalations_unit_idx ON case_escalations (unit_id, at);

-- Every event rewrites its case's row. Room left on each page lets PostgreSQL keep the new version
-- beside the old one (a HOT update) when no indexed column changed, sparing every index an entry.
ALTER TABLE cases SET (fillfactor = 80);

-- The ledger is read newest first, (reported_at, id) descending, and paged by that key: every index
-- below ends in it, so a filtered page is an index range read in order, with no sort.
DROP INDEX IF EXISTS cases_lead_unit_idx;
DROP INDEX IF EXISTS cases_status_idx;
CREATE INDEX cases_reported_idx ON cases (reported_at DESC, id DESC);
CREATE INDEX cases_lead_idx ON cases (lead_unit_id, reported_at DESC, id DESC);
CREATE INDEX cases_status_idx ON cases (status, reported_at DESC, id DESC);
CREATE INDEX cases_locality_idx ON cases (locality, reported_at DESC, id DESC);
CREATE INDEX cases_category_idx ON cases (category, reported_at DESC, id DESC);
CREATE INDEX cases_escalation_idx ON cases (escalation_level, reported_at DESC, id DESC);
CREATE INDEX cases_reporter_token_idx ON cases ((reported_by ->> 'id'), reported_at DESC, id DESC);
CREATE INDEX cases_overdue_idx ON cases (reported_at DESC, id DESC) WHERE overdue;
CREATE INDEX localities_parent_idx ON localities (parent_code);

-- Free text over title and description must find Chinese (`q=噪音`). pg_trgm's GIN index serves
-- ILIKE '%…%' for any script; the query is plain ILIKE and works without it, only slower. PGlite
-- (`npm start`) may not ship pg_trgm, and a role without CREATE on the database may not install it:
-- either way the migration goes on without the indexes.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX cases_title_trgm_idx ON cases USING gin (title gin_trgm_ops);
    CREATE INDEX cases_description_trgm_idx ON cases USING gin (description gin_trgm_ops);
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%): free-text search runs without trigram indexes', SQLERRM;
END;
$$;
