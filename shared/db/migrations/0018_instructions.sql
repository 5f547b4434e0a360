-- Issue 14, part 5 (领导批示): one row per leader's instruction, acknowledged_at filled when the lead unit
-- acknowledges it; the unit's inbox lists the unacknowledged ones of the cases it leads.
-- Forward-only: never edit an applied migration; add the next number instead.
CREATE TABLE case_instructions (
  case_id text NOT NULL REFERENCES cases (id),
  instruction_id text NOT NULL,
  seq integer NOT NULL,
  text text NOT NULL,
  report_every text,
  deadline timestamptz,
  given_at timestamptz NOT NULL,
  given_by jsonb NOT NULL,
  acknowledged_seq integer,
  acknowledged_at timestamptz,
  acknowledged_by jsonb,
  PRIMARY KEY (case_id, instruction_id)
);
CREATE INDEX case_instructions_open_idx ON case_instructions (case_id, given_at) WHERE acknowledged_at IS NULL;
