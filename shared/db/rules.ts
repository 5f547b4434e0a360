import type { RoutingRule } from '../routing/types';
import { clampLimit, decodeVersionCursor, toPage, type Page, type PageRequest } from './pagination';
import { transaction, type Db } from './sql';

export interface PublishedRules {
  version: number;
  rules: RoutingRule[];
  publishedAt: Date | null;
}

export interface RuleSetSummary {
  version: number;
  ruleCount: number;
  publishedAt: Date;
  publishedBy: string | null;
}

/** The rule set in force: the highest published version (version 0, no rules, before any). */
export async function loadPublishedRules(db: Db): Promise<PublishedRules> {
  const [row] = await db<PublishedRules[]>`
    SELECT version, rules, published_at AS "publishedAt" FROM routing_rule_sets ORDER BY version DESC LIMIT 1`;
  return row ?? { version: 0, rules: [], publishedAt: null };
}

/** One published version, as a case that pinned it was routed. No route yet: issue #17. */
export async function loadRuleSet(db: Db, version: number): Promise<PublishedRules | null> {
  const [row] = await db<PublishedRules[]>`
    SELECT version, rules, published_at AS "publishedAt" FROM routing_rule_sets WHERE version = ${version}`;
  return row ?? null;
}

/**
 * Publishes the next version. Validation (conflicting rules) is the routing engine's, before this;
 * the table lock makes two concurrent publishers take consecutive versions instead of colliding.
 */
export async function publishRules(db: Db, rules: RoutingRule[], publishedBy: string): Promise<number> {
  return transaction(db, async (tx) => {
    await tx`LOCK TABLE routing_rule_sets IN EXCLUSIVE MODE`;
    const [row] = await tx<{ version: number }[]>`
      INSERT INTO routing_rule_sets (version, rules, published_by)
      SELECT coalesce(max(version), 0) + 1, ${tx.json(rules as never)}, ${publishedBy} FROM routing_rule_sets
      RETURNING version`;
    return row!.version;
  });
}

/** The history of rule sets, newest first. No route yet: issue #17 (`GET /v1/routing-rules/versions`). */
export async function listRuleSets(db: Db, page: PageRequest = {}): Promise<Page<RuleSetSummary>> {
  const limit = clampLimit(page.limit);
  const before = decodeVersionCursor(page.cursor);
  const rows = await db<RuleSetSummary[]>`
    SELECT version, jsonb_array_length(rules) AS "ruleCount", published_at AS "publishedAt",
           published_by AS "publishedBy"
    FROM routing_rule_sets WHERE (${before}::int IS NULL OR version < ${before})
    ORDER BY version DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit, (r) => [r.version]);
}
