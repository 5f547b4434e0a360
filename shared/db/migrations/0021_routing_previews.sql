-- Issue 17, parts 2 and 3 (docs/routing-what-if.md): what a draft rule set would change over past
-- cases, kept so that publishing can say which preview it was reviewed against.
-- Forward-only: never edit an applied migration; add the next number instead.

-- One what-if answer. `rules_digest` is sha256 over the draft's canonical JSON: publishing with this
-- preview must publish those very rules, over the version it was compared with (`base_version`).
CREATE TABLE routing_previews (
  id uuid PRIMARY KEY,
  base_version integer NOT NULL,
  rules_digest text NOT NULL,
  rule_count integer NOT NULL,
  -- The case filter as the API took it, and the figures it answered (examples included).
  filter jsonb NOT NULL,
  summary jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_previews_created_idx ON routing_previews (created_at DESC);

-- Who published which version after which preview: the rule sets' own audit trail.
ALTER TABLE routing_rule_sets ADD COLUMN preview_id uuid REFERENCES routing_previews (id);
