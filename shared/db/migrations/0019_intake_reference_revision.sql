-- Issue 12, intake speed: the API keeps each category's policy, with the working-day calendar it
-- pins, with its compiled routing rules until the reference revision moves (api/services/routing-service.ts),
-- so a report reads one tiny row instead of its policy and the calendar. A calendar edit and a new
-- policy version now move the revision too (a new policy also repoints `categories`, which already did).
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.
CREATE TRIGGER calendar_versions_bump_reference_revision
  AFTER INSERT ON calendar_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER category_policies_bump_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_policies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
