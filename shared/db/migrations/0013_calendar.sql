-- Issue 14 (working days): admins' versions of a year's holiday arrangement (docs/calendar.md).
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.
--
-- A year without a row counts on the shipped dataset (the npm package chinese-days); each PUT adds a
-- row, and the row with the highest version is the year's arrangement. Rows are never changed: a case
-- pins the calendar it started its clock with, and the history says who changed which year, and when.
CREATE TABLE calendar_versions (
  -- One sequence over all years, so that a version number also names the whole calendar at that point.
  version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  holidays date[] NOT NULL,
  workdays date[] NOT NULL,
  created_by jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX calendar_versions_year_version ON calendar_versions (year, version DESC);

CREATE FUNCTION calendar_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'calendar_versions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER calendar_versions_no_update_or_delete
  BEFORE UPDATE OR DELETE ON calendar_versions
  FOR EACH ROW EXECUTE FUNCTION calendar_versions_append_only();
CREATE TRIGGER calendar_versions_no_truncate
  BEFORE TRUNCATE ON calendar_versions
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_versions_append_only();
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON calendar_versions FROM duban_app;
