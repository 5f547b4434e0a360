// Routing one case with its explanation: one `settle` walk over the matching rules that writes the
// sentences as it decides, done only where someone will read them (intake's stored routing record,
// the explain route). `verdict` gives the same decision without them, at full speed.
import type { CompiledRule, CompiledRuleSet } from './compile';
import { SentenceNarrator } from './explain';
import { settle } from './settle';
import type { RoutingDecision, RoutingInput, RoutingVerdict } from './types';
import { matchingRules, toVerdict } from './verdict';

export function route(compiled: CompiledRuleSet, input: RoutingInput): RoutingDecision {
  return decide(compiled, input, findCandidates(compiled, input));
}

/**
 * The sentences of the decision's explanation, in the order routing took its steps. `matches`
 * defaults to the rules the index finds; a caller that found them otherwise passes its own.
 */
export function explain(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  matches: readonly CompiledRule[] = findCandidates(compiled, input),
): string[] {
  const narrator = new SentenceNarrator(compiled, input);
  settle(compiled, input, matches, narrator);
  return narrator.sentences;
}

/** A decision of its own (fresh arrays, safe to change or store) from a shared verdict. */
export function withExplanation(decided: RoutingVerdict, explanation: string[]): RoutingDecision {
  return {
    lead: decided.lead,
    coHandlers: [...decided.coHandlers],
    ruleId: decided.ruleId,
    rulesVersion: decided.rulesVersion,
    decidedBy: decided.decidedBy,
    candidates: decided.candidates.map((c) => ({ ruleId: c.ruleId, tier: c.tier })),
    explanation,
  };
}

/** The rules matching the case, most specific first (none when the reference data does not know it). */
export function findCandidates(compiled: CompiledRuleSet, input: RoutingInput): CompiledRule[] {
  return matchingRules(compiled, input);
}

/**
 * The decision with its explanation given the matching rules, most specific first, however they were
 * found (the bench's linear scan hands its own list here).
 */
export function decide(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  matches: readonly CompiledRule[],
): RoutingDecision {
  const narrator = new SentenceNarrator(compiled, input);
  const settlement = settle(compiled, input, matches, narrator);
  return withExplanation(toVerdict(compiled, settlement), narrator.sentences);
}
