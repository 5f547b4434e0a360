-- Issue 14, statistics: one row per case folding its audit trail into the instants and durations the
-- statistics read (docs/statistics.md defines each figure over these columns). Kept by a trigger on
-- case_events, so every writer of the trail keeps it, and rebuilt below from the trail already stored:
-- the fold is case_statistics_apply, the only place an event's meaning for the statistics is written.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

CREATE TABLE case_statistics (
  case_id text PRIMARY KEY,
  -- Dimensions: as reported (category, kind, locality) and as last handed over (lead, co-handlers),
  -- named as on `cases` so the ledger's scope rule (ledger-sql.ts scopeCondition) applies as it is.
  category text,
  kind text,
  locality text,
  lead_unit_id text,
  co_handlers text[] NOT NULL DEFAULT '{}',
  reported_at timestamptz,
  -- The latest event folded here: a case can count in a period only if reported_at < end and last_at >= start.
  last_at timestamptz NOT NULL,
  -- Segment stints: *_since while open, then *_done_at and *_seconds of the last completed stint.
  triage_since timestamptz,
  triage_done_at timestamptz,
  triage_seconds float8,
  queued_since timestamptz,
  queue_done_at timestamptz,
  queue_seconds float8,
  first_handed_at timestamptz,
  handed_at timestamptz,
  accept_due timestamptz,
  accepted_at timestamptz,
  accepted_on_time boolean,
  sign_for_seconds float8,
  handling_since timestamptz,
  deadline timestamptz,
  extension_seconds float8 NOT NULL DEFAULT 0,
  first_resolved_at timestamptz,
  resolved_at timestamptz,
  resolved_on_time boolean,
  handling_seconds float8,
  first_follow_up_at timestamptz,
  first_follow_up_satisfied boolean,
  reopened_count integer NOT NULL DEFAULT 0,
  closed_at timestamptz,
  close_reason text,
  verification_seconds float8
);

-- A period's query reads the cases active in it: last_at >= start, then reported_at < end; a unit's
-- own cases by lead or co-handler (the ledger's scope), each side with its own index.
CREATE INDEX case_statistics_last_at_idx ON case_statistics (last_at, reported_at);
CREATE INDEX case_statistics_lead_idx ON case_statistics (lead_unit_id, last_at);
CREATE INDEX case_statistics_co_handlers_idx ON case_statistics USING gin (co_handlers);

-- Weekly reports on time, reports missed and follow-ups, one row per event with the case's dimensions
-- as they were when it happened (the unit a report was due from is the lead then), so counting a
-- period's is one index range, with no join back to the case.
CREATE TABLE case_statistic_events (
  case_id text NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  mark text NOT NULL CHECK (mark IN ('report_on_time', 'report_late', 'report_missed', 'satisfied', 'unsatisfied')),
  category text,
  kind text,
  locality text,
  lead_unit_id text,
  co_handlers text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_statistic_events_at_idx ON case_statistic_events (at);

CREATE FUNCTION case_statistics_mark(e case_events, mark text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_statistic_events (case_id, seq, at, mark, category, kind, locality, lead_unit_id, co_handlers)
  SELECT e.case_id, e.seq, e.at, mark, category, kind, locality, lead_unit_id, co_handlers
  FROM case_statistics WHERE case_id = e.case_id
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION case_statistics_apply(e case_events) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_statistics (case_id, last_at) VALUES (e.case_id, e.at)
  ON CONFLICT (case_id) DO UPDATE SET last_at = greatest(case_statistics.last_at, e.at);
  CASE e.type
    WHEN 'reported' THEN
      UPDATE case_statistics SET reported_at = e.at, category = e.data ->> 'category', kind = e.data ->> 'kind',
        locality = e.data ->> 'locality'
      WHERE case_id = e.case_id;
    WHEN 'triaged' THEN
      UPDATE case_statistics SET triage_since = e.at WHERE case_id = e.case_id;
    WHEN 'queued' THEN
      UPDATE case_statistics SET queued_since = e.at,
        triage_done_at = CASE WHEN triage_since IS NULL THEN triage_done_at ELSE e.at END,
        triage_seconds = CASE WHEN triage_since IS NULL THEN triage_seconds
                              ELSE extract(epoch FROM e.at - triage_since) END,
        triage_since = NULL
      WHERE case_id = e.case_id;
    WHEN 'dispatched', 'assigned' THEN
      -- A hand-over ends a triage stint (assigned from triage) or a queue stint (dispatched).
      UPDATE case_statistics SET
        triage_done_at = CASE WHEN triage_since IS NULL THEN triage_done_at ELSE e.at END,
        triage_seconds = CASE WHEN triage_since IS NULL THEN triage_seconds
                              ELSE extract(epoch FROM e.at - triage_since) END,
        triage_since = NULL,
        queue_done_at = CASE WHEN queued_since IS NULL THEN queue_done_at ELSE e.at END,
        queue_seconds = CASE WHEN queued_since IS NULL THEN queue_seconds
                             ELSE extract(epoch FROM e.at - queued_since) END,
        queued_since = NULL,
        lead_unit_id = e.data ->> 'lead',
        co_handlers = coalesce(ARRAY(SELECT jsonb_array_elements_text(e.data -> 'coHandlers')), '{}'),
        first_handed_at = coalesce(first_handed_at, e.at),
        handed_at = e.at,
        accept_due = (e.data ->> 'acceptDue')::timestamptz,
        accepted_at = NULL,
        accepted_on_time = NULL
      WHERE case_id = e.case_id;
    WHEN 'accepted' THEN
      UPDATE case_statistics SET accepted_at = e.at, accepted_on_time = e.at <= accept_due,
        sign_for_seconds = extract(epoch FROM e.at - handed_at), handling_since = e.at,
        deadline = nullif(e.data ->> 'deadline', '')::timestamptz
      WHERE case_id = e.case_id;
    WHEN 'returned' THEN
      -- The unit that returned the case no longer leads it (the ledger's scope follows the same rule).
      UPDATE case_statistics SET lead_unit_id = NULL, co_handlers = '{}', handling_since = NULL
      WHERE case_id = e.case_id;
    WHEN 'extension_decided' THEN
      IF (e.data ->> 'approved')::boolean AND nullif(e.data ->> 'deadline', '') IS NOT NULL THEN
        UPDATE case_statistics SET
          extension_seconds = extension_seconds
            + greatest(0, extract(epoch FROM (e.data ->> 'deadline')::timestamptz - coalesce(deadline, e.at))),
          deadline = (e.data ->> 'deadline')::timestamptz
        WHERE case_id = e.case_id;
      END IF;
    WHEN 'resolved' THEN
      UPDATE case_statistics SET first_resolved_at = coalesce(first_resolved_at, e.at), resolved_at = e.at,
        resolved_on_time = deadline IS NULL OR e.at <= deadline,
        handling_seconds = extract(epoch FROM e.at - handling_since), handling_since = NULL
      WHERE case_id = e.case_id;
    WHEN 'followed_up' THEN
      UPDATE case_statistics SET first_follow_up_at = coalesce(first_follow_up_at, e.at),
        first_follow_up_satisfied = coalesce(first_follow_up_satisfied, (e.data ->> 'satisfied')::boolean)
      WHERE case_id = e.case_id;
      PERFORM case_statistics_mark(e, CASE WHEN (e.data ->> 'satisfied')::boolean THEN 'satisfied' ELSE 'unsatisfied' END);
    WHEN 'report_submitted' THEN
      PERFORM case_statistics_mark(e, CASE WHEN (e.data ->> 'onTime')::boolean THEN 'report_on_time' ELSE 'report_late' END);
    WHEN 'report_missed' THEN
      PERFORM case_statistics_mark(e, 'report_missed');
    WHEN 'reopened' THEN
      UPDATE case_statistics SET reopened_count = reopened_count + 1, closed_at = NULL, close_reason = NULL,
        deadline = coalesce(nullif(e.data ->> 'deadline', '')::timestamptz, deadline),
        handling_since = CASE WHEN nullif(e.data ->> 'deadline', '') IS NULL THEN NULL ELSE e.at END
      WHERE case_id = e.case_id;
    WHEN 'closed' THEN
      UPDATE case_statistics SET closed_at = e.at, close_reason = e.data ->> 'reason',
        triage_since = NULL, queued_since = NULL,
        verification_seconds = CASE WHEN e.data ->> 'reason' = 'resolved' AND resolved_at IS NOT NULL
                                    THEN extract(epoch FROM e.at - resolved_at) ELSE verification_seconds END
      WHERE case_id = e.case_id;
    ELSE
      NULL;
  END CASE;
END;
$$;

CREATE FUNCTION case_statistics_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_statistics_apply(NEW);
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_events_statistics
  AFTER INSERT ON case_events
  FOR EACH ROW
  WHEN (NEW.type IN ('reported', 'triaged', 'queued', 'dispatched', 'assigned', 'accepted', 'returned',
                     'extension_decided', 'resolved', 'followed_up', 'reopened', 'closed', 'report_submitted',
                     'report_missed'))
  EXECUTE FUNCTION case_statistics_on_event();

-- The trail already stored, folded in order.
SELECT case_statistics_apply(e) FROM (SELECT * FROM case_events ORDER BY case_id, seq) e
WHERE e.type IN ('reported', 'triaged', 'queued', 'dispatched', 'assigned', 'accepted', 'returned',
                 'extension_decided', 'resolved', 'followed_up', 'reopened', 'closed', 'report_submitted',
                 'report_missed');
