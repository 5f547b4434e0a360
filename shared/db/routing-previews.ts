import { createHash } from 'node:crypto';
import type { RoutingRule } from '../routing/types';
import type { WhatIfFigures } from '../routing/what-if';
import { canonicalJson } from './event-hash';
import type { Db } from './sql';

// What-if answers kept for publishing (docs/routing-what-if.md): a rule set published "after this
// preview" must be the very draft it previewed, over the version the preview compared it with.

export interface RoutingPreview {
  id: string;
  baseVersion: number;
  rulesDigest: string;
  ruleCount: number;
  filter: Record<string, unknown>;
  summary: WhatIfFigures;
  createdBy: string;
  createdAt: Date;
}

/** sha256 over the rules' canonical JSON: key order and left-out optional matchers do not count. */
export function rulesDigest(rules: readonly RoutingRule[]): string {
  return createHash('sha256').update(canonicalJson(rules)).digest('hex');
}

export async function savePreview(db: Db, preview: Omit<RoutingPreview, 'createdAt'>): Promise<Date> {
  const [row] = await db<{ createdAt: Date }[]>`
    INSERT INTO routing_previews (id, base_version, rules_digest, rule_count, filter, summary, created_by)
    VALUES (${preview.id}, ${preview.baseVersion}, ${preview.rulesDigest}, ${preview.ruleCount},
            ${db.json(preview.filter as never)}, ${db.json(preview.summary as never)}, ${preview.createdBy})
    RETURNING created_at AS "createdAt"`;
  return row!.createdAt;
}

export async function loadPreview(db: Db, id: string): Promise<RoutingPreview | null> {
  const [row] = await db<RoutingPreview[]>`
    SELECT id, base_version AS "baseVersion", rules_digest AS "rulesDigest", rule_count AS "ruleCount",
           filter, summary, created_by AS "createdBy", created_at AS "createdAt"
    FROM routing_previews WHERE id = ${id}`;
  return row ?? null;
}
