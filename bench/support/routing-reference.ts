// The reference answers of the timed pass over distinct cases: the linear scan's method (check each
// rule against the case, sort the matches by specificity, settle) over only the rules that could
// match — those naming the case's category, those naming a locality of its chain and no category,
// and those naming neither — so that answering 350,000 cases takes seconds rather than the linear
// scan's minutes. It shares nothing with the index `verdict` walks; the bench checks it against the
// full linear scan on the 5,000 cases first.
import { verdictOf, type CompiledRule, type CompiledRuleSet } from '../../shared/routing';
import type { RoutingInput, RoutingVerdict } from '../../shared/routing/types';

export function createCategoryScan(compiled: CompiledRuleSet) {
  // Rules by the category they name, else by the locality they name, else (kind-only and default)
  // in one list: a case can match only its category's, its chain's and that list.
  const byCategory = new Map<string, CompiledRule[]>();
  const byLocality = new Map<string, CompiledRule[]>();
  const neither: CompiledRule[] = [];
  for (const entry of compiled.rules) {
    const { category, locality } = entry.rule;
    if (category !== undefined) byCategory.set(category, [...(byCategory.get(category) ?? []), entry]);
    else if (locality !== undefined) byLocality.set(locality, [...(byLocality.get(locality) ?? []), entry]);
    else neither.push(entry);
  }

  /** The matching rules, most specific first (DOMAIN.md's order, as the linear scan sorts them). */
  function candidates(input: RoutingInput): CompiledRule[] {
    const locality = compiled.localities.get(input.locality);
    if (!compiled.categories.has(input.category) || !locality) return [];
    const depths = new Map(locality.chain.map((code, i) => [code, locality.chain.length - 1 - i]));
    const lists = [
      byCategory.get(input.category) ?? [],
      neither,
      ...locality.chain.map((c) => byLocality.get(c) ?? []),
    ];
    const matching: { entry: CompiledRule; key: [number, number, number] }[] = [];
    for (const entry of lists.flat()) {
      const { category, locality: ruleLocality, kind } = entry.rule;
      if (kind !== undefined && kind !== input.kind) continue;
      const depth = ruleLocality === undefined ? -1 : depths.get(ruleLocality);
      if (depth === undefined) continue;
      matching.push({ entry, key: [category === undefined ? 0 : 1, depth, kind === undefined ? 0 : 1] });
    }
    matching.sort((a, b) => b.key[0] - a.key[0] || b.key[1] - a.key[1] || b.key[2] - a.key[2]);
    return matching.map((m) => m.entry);
  }

  return {
    candidates,
    verdict: (input: RoutingInput): RoutingVerdict => verdictOf(compiled, input, candidates(input)),
  };
}
