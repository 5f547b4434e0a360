-- Issue 14 (working days): a case whose working-day deadline ran past the calendar it pinned counted
-- weekends only there, and says so (docs/calendar.md). Forward-only: add the next number instead.
ALTER TABLE cases ADD COLUMN calendar_unknown boolean NOT NULL DEFAULT false;
