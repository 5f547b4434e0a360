// How specific a rule is (DOMAIN.md: category+locality > category > locality subtree, deeper beats
// shallower > kind > default; a kind matcher also lifts a rule above the same rule without it).
// Among the rules matching one case, that order is (has category, depth of its locality, has kind)
// compared left to right; two matching rules compare equal only when their matchers are identical,
// which is why validation rejects identical matchers as a tie and the index holds one rule per key.
import type { RoutingRule } from './types';

/** The tier names by (has category, has locality, has kind): one string each, shared by every rule. */
const TIERS: readonly string[] = [
  'default',
  'kind',
  'locality',
  'locality+kind',
  'category',
  'category+kind',
  'category+locality',
  'category+locality+kind',
];

/** The rule's tier name, as reported in `RoutingDecision.candidates`. */
export function tierOf(rule: RoutingRule): string {
  return TIERS[(rule.category != null ? 4 : 0) + (rule.locality != null ? 2 : 0) + (rule.kind != null ? 1 : 0)]!;
}

/** The index key of a rule's matchers; an absent matcher is the empty string, a wildcard. */
export function matcherKey(
  category: string | null | undefined,
  locality: string | null | undefined,
  kind: string | null | undefined,
): string {
  return `${category ?? ''}\u0000${locality ?? ''}\u0000${kind ?? ''}`;
}
