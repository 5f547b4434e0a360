import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../shared/domain/access';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import { loadRoutingReference } from '../../shared/db/reference';
import { inOneSnapshot, readRoutingInputGroups, sampleCases, type ReadProgress } from '../../shared/db/routing-inputs';
import { rulesDigest, savePreview } from '../../shared/db/routing-previews';
import { loadPublishedRules } from '../../shared/db/rules';
import type { Sql } from '../../shared/db/sql';
import { compileRuleSet, RuleSetInvalidError, validateRuleSet, type RoutingRule } from '../../shared/routing';
import { compareRoutings, type WhatIfFigures } from '../../shared/routing/what-if';

// POST /v1/routing/what-if (docs/routing-what-if.md): the draft is validated as a publish would
// validate it, both rule sets are compiled with today's reference data, the past cases' routing
// inputs are read grouped, and the answer is kept as a preview a publish may name.

export interface WhatIfRequest {
  rules: RoutingRule[];
  filter: LedgerFilter;
  viewer: Viewer;
  by: string;
}

export interface WhatIfAnswer extends WhatIfFigures {
  /** The preview's id: `PUT /v1/routing-rules` may name it as `previewId`. */
  id: string;
  /** The version in force, which the draft was compared with. */
  baseVersion: number;
  createdAt: string;
}

export type WhatIfProgress = ReadProgress & { phase: 'reading' };

/** Throws RuleSetInvalidError (422) before reading anything when the draft would not publish. */
export async function prepareWhatIf(sql: Sql, rules: RoutingRule[]) {
  const reference = await loadRoutingReference(sql);
  const problems = validateRuleSet(rules, reference);
  if (problems.length > 0) throw new RuleSetInvalidError(problems);
  const published = await loadPublishedRules(sql);
  return {
    baseVersion: published.version,
    before: compileRuleSet(published.rules, reference, published.version),
    after: compileRuleSet(rules, reference, published.version + 1),
  };
}

export async function runWhatIf(
  sql: Sql,
  request: WhatIfRequest,
  prepared: Awaited<ReturnType<typeof prepareWhatIf>>,
  onProgress: (progress: WhatIfProgress) => void = () => undefined,
): Promise<WhatIfAnswer> {
  const figures = await inOneSnapshot(sql, async (tx) => {
    const groups = await readRoutingInputGroups(tx, request.viewer, request.filter, (p) =>
      onProgress({ phase: 'reading', ...p }),
    );
    const compared = compareRoutings(prepared.before, prepared.after, groups);
    const samples = await sampleCases(tx, request.viewer, request.filter, compared.examples);
    compared.examples.forEach((example, i) => (example.caseId = samples[i] ?? null));
    return compared;
  });
  const id = randomUUID();
  const createdAt = await savePreview(sql, {
    id,
    baseVersion: prepared.baseVersion,
    rulesDigest: rulesDigest(request.rules),
    ruleCount: request.rules.length,
    // Dates as ISO strings: the preview keeps the filter as JSON.
    filter: JSON.parse(JSON.stringify(request.filter)) as Record<string, unknown>,
    summary: figures,
    createdBy: request.by,
  });
  return { id, baseVersion: prepared.baseVersion, createdAt: createdAt.toISOString(), ...figures };
}
