import type { RoutingRule } from '../routing/types';
import { loadPreview, rulesDigest } from './routing-previews';
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
  /** The what-if preview the publisher reviewed it against, if any. */
  previewId: string | null;
}

export interface RuleSetVersion extends RuleSetSummary {
  rules: RoutingRule[];
}

/** Why a publish that names a preview was refused (the API answers 409 or 422 with the message). */
export class PreviewMismatchError extends Error {
  constructor(
    readonly reason: 'unknown' | 'other_rules' | 'stale',
    message: string,
  ) {
    super(message);
    this.name = 'PreviewMismatchError';
  }
}

/** The rule set in force: the highest published version (version 0, no rules, before any). */
export async function loadPublishedRules(db: Db): Promise<PublishedRules> {
  const [row] = await db<PublishedRules[]>`
    SELECT version, rules, published_at AS "publishedAt" FROM routing_rule_sets ORDER BY version DESC LIMIT 1`;
  return row ?? { version: 0, rules: [], publishedAt: null };
}

/** One published version, as a case that pinned it was routed. */
export async function loadRuleSet(db: Db, version: number): Promise<PublishedRules | null> {
  const [row] = await db<PublishedRules[]>`
    SELECT version, rules, published_at AS "publishedAt" FROM routing_rule_sets WHERE version = ${version}`;
  return row ?? null;
}

/**
 * Publishes the next version. Validation (conflicting rules) is the routing engine's, before this;
 * the table lock makes two concurrent publishers take consecutive versions instead of colliding.
 * With a preview: it must have previewed these very rules against the version in force, checked
 * under the same lock, so nobody publishes "after a preview" that no longer says what will change.
 */
export async function publishRules(
  db: Db,
  rules: RoutingRule[],
  publishedBy: string,
  previewId: string | null = null,
): Promise<number> {
  return transaction(db, async (tx) => {
    await tx`LOCK TABLE routing_rule_sets IN EXCLUSIVE MODE`;
    if (previewId !== null) await checkPreview(tx, previewId, rules);
    const [row] = await tx<{ version: number }[]>`
      INSERT INTO routing_rule_sets (version, rules, published_by, preview_id)
      SELECT coalesce(max(version), 0) + 1, ${tx.json(rules as never)}, ${publishedBy}, ${previewId}
      FROM routing_rule_sets
      RETURNING version`;
    return row!.version;
  });
}

async function checkPreview(db: Db, previewId: string, rules: readonly RoutingRule[]): Promise<void> {
  const preview = await loadPreview(db, previewId);
  if (preview === null) throw new PreviewMismatchError('unknown', `no what-if preview ${previewId}`);
  if (preview.rulesDigest !== rulesDigest(rules)) {
    throw new PreviewMismatchError('other_rules', `preview ${previewId} was made for other rules than these`);
  }
  const [current] = await db<{ version: number }[]>`SELECT coalesce(max(version), 0) AS version FROM routing_rule_sets`;
  if (current!.version !== preview.baseVersion) {
    throw new PreviewMismatchError(
      'stale',
      `preview ${previewId} compared the draft with version ${preview.baseVersion}; version ${current!.version} is in force now: preview again`,
    );
  }
}

/** The history of rule sets, newest first (`GET /v1/routing-rules/versions`). */
export async function listRuleSets(db: Db, page: PageRequest = {}): Promise<Page<RuleSetSummary>> {
  const limit = clampLimit(page.limit);
  const before = decodeVersionCursor(page.cursor);
  const rows = await db<RuleSetSummary[]>`
    SELECT version, jsonb_array_length(rules) AS "ruleCount", published_at AS "publishedAt",
           published_by AS "publishedBy", preview_id AS "previewId"
    FROM routing_rule_sets WHERE (${before}::int IS NULL OR version < ${before})
    ORDER BY version DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit, (r) => [r.version]);
}

/** One version with its rules and who published it after which preview. */
export async function loadRuleSetVersion(db: Db, version: number): Promise<RuleSetVersion | null> {
  const [row] = await db<RuleSetVersion[]>`
    SELECT version, rules, jsonb_array_length(rules) AS "ruleCount", published_at AS "publishedAt",
           published_by AS "publishedBy", preview_id AS "previewId"
    FROM routing_rule_sets WHERE version = ${version}`;
  return row ?? null;
}
