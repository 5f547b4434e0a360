// The baseline for bench/routing.ts: find the matching rules by checking every rule against the case,
// sort them by specificity, and hand them to the engine's `decide`, so both routers give identical
// decisions and the bench measures only how the matching rules are found.
import { compileRuleSet, decide, type CompiledRule, type CompiledRuleSet } from '../shared/routing';
import type { RoutingDecision, RoutingInput, RoutingReference, RoutingRule } from '../shared/routing/types';

export interface LinearScanRouter {
  compiled: CompiledRuleSet;
  route(input: RoutingInput): RoutingDecision;
  /** The matching rules, most specific first. */
  candidates(input: RoutingInput): CompiledRule[];
}

export function createLinearScanRouter(
  rules: RoutingRule[],
  reference: RoutingReference,
  version: number,
): LinearScanRouter {
  const compiled = compileRuleSet(rules, reference, version);
  const parentOf = new Map(reference.localities.map((l) => [l.code, l.parentCode ?? null]));

  /** The case's locality and its ancestors, with each one's depth below the root. */
  function ancestorDepths(code: string): Map<string, number> {
    const path: string[] = [];
    for (
      let at: string | null | undefined = code;
      at != null && parentOf.has(at) && !path.includes(at);
      at = parentOf.get(at)
    ) {
      path.push(at);
    }
    return new Map(path.map((c, i) => [c, path.length - 1 - i]));
  }

  function candidates(input: RoutingInput): CompiledRule[] {
    if (!compiled.categories.has(input.category) || !parentOf.has(input.locality)) return [];
    const depths = ancestorDepths(input.locality);
    const matching: Array<{ entry: CompiledRule; key: number[] }> = [];
    for (const entry of compiled.rules) {
      const { category, locality, kind } = entry.rule;
      if (category !== undefined && category !== input.category) continue;
      if (kind !== undefined && kind !== input.kind) continue;
      const depth = locality === undefined ? -1 : depths.get(locality);
      if (depth === undefined) continue;
      // DOMAIN.md: category+locality > category > locality (deeper first) > kind > default; kind also
      // lifts a rule above the same rule without it.
      matching.push({ entry, key: [category === undefined ? 0 : 1, depth, kind === undefined ? 0 : 1] });
    }
    matching.sort((a, b) => compareKeys(b.key, a.key));
    return matching.map((m) => m.entry);
  }

  return { compiled, candidates, route: (input) => decide(compiled, input, candidates(input)) };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
