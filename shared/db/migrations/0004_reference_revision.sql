-- A counter bumped by any change to the data routing depends on, so every API process can tell in
-- one cheap read whether its compiled rule set is stale — across processes and hosts, not only
-- for the changes it made itself.
CREATE TABLE reference_revision (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision bigint NOT NULL
);

INSERT INTO reference_revision (singleton, revision) VALUES (true, 1);

CREATE FUNCTION bump_reference_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_revision SET revision = revision + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER units_bump_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER localities_bump_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON localities
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER categories_bump_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER routing_rule_sets_bump_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rule_sets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
