// The decision alone, at full speed: integers and interned lists instead of strings and arrays, so a
// case whose rules were seen before allocates nothing. The explanation is `explain`'s job.
import type { CompiledRule, CompiledRuleSet } from './compile';
import { ANY_KIND, KIND_SLOTS, kindSlot, type CategoryEntry, type FastIndex, type LocalityEntry } from './fast-index';
import type { MatchList } from './match-list';
import { settle, SILENT, type Settlement } from './settle';
import type { RoutingInput, RoutingVerdict } from './types';

/**
 * The same decision as `route`, without its explanation. The object returned is shared with every
 * other case that matches the same rules in the same context, and frozen.
 */
export function verdict(compiled: CompiledRuleSet, input: RoutingInput): RoutingVerdict {
  const fast = compiled.fast;
  const categoryId = fast.categoryIds.get(input.category);
  const localityId = fast.localityIds.get(input.locality);
  if (categoryId === undefined || localityId === undefined) return compiled.unknownReference;
  const kind = kindSlot(input.kind);
  const table = fast.verdicts;
  if (table === null || hasCategoryLocalityRules(fast, categoryId, localityId)) {
    return listVerdict(compiled, input, categoryId, localityId, kind);
  }
  const tail = fast.tailIds[localityId * KIND_SLOTS + kind]!;
  const prefix = fast.prefixIds[categoryId * KIND_SLOTS + kind]!;
  const context = fast.ownerKeys[categoryId]! + fast.governingKeys[localityId]!;
  return (
    table.get(tail, prefix, context) ??
    table.set(tail, prefix, context, listVerdict(compiled, input, categoryId, localityId, kind))
  );
}

/** Whether the category has category+locality rules at the case's locality or above it. */
function hasCategoryLocalityRules(fast: FastIndex, categoryId: number, localityId: number): boolean {
  const marks = fast.localityMarks;
  const markBase = categoryId * fast.markWords;
  const ancestry = fast.ancestry;
  for (let i = localityId * fast.ancestryStride, end = i + fast.ancestryStride; i < end; i++) {
    const ancestor = ancestry[i]!;
    if (ancestor < 0) return false;
    if ((marks[markBase + (ancestor >>> 5)]! & (1 << (ancestor & 31))) !== 0) return true;
  }
  return false;
}

function listVerdict(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  categoryId: number,
  localityId: number,
  kind: number,
): RoutingVerdict {
  const category = compiled.fast.categories[categoryId]!;
  const locality = compiled.fast.localities[localityId]!;
  const list = matchList(compiled, category, locality, kind);
  const contextKey = category.ownerKey + locality.governingKey;
  return list.verdict(contextKey) ?? list.keep(contextKey, settleOnce(compiled, input, list));
}

/** The rules matching the case, most specific first; none for unknown reference data. */
export function matchingRules(compiled: CompiledRuleSet, input: RoutingInput): CompiledRule[] {
  const categoryId = compiled.fast.categoryIds.get(input.category);
  const localityId = compiled.fast.localityIds.get(input.locality);
  if (categoryId === undefined || localityId === undefined) return [];
  const [category, locality] = [compiled.fast.categories[categoryId]!, compiled.fast.localities[localityId]!];
  return matchList(compiled, category, locality, kindSlot(input.kind)).toArray();
}

function matchList(compiled: CompiledRuleSet, category: CategoryEntry, locality: LocalityEntry, kind: number) {
  const rules = compiled.rules;
  // Most specific last, since lists grow at the front: after the rules of any category (the tail),
  // the category's own rules, then its category+locality rules from the root down to the case's.
  let list = locality.tails[kind]!;
  const prefixId = category.prefixIds[kind]!;
  if (prefixId >= 0) list = list.withPrefix(rules, prefixId, category.rules![ANY_KIND]!, category.rules![kind]!);
  const marks = category.localityMarks;
  if (marks === null) return list;
  const ancestry = locality.ancestry;
  for (let i = 0; i < ancestry.length; i++) {
    const ancestor = ancestry[i]!;
    if ((marks[ancestor >>> 5]! & (1 << (ancestor & 31))) === 0) continue;
    const slots = compiled.fast.categoryLocalityRules.get(category.id * compiled.fast.localityCount + ancestor)!;
    list = list.prepend(rules, slots[ANY_KIND]!).prepend(rules, slots[kind]!);
  }
  return list;
}

function settleOnce(compiled: CompiledRuleSet, input: RoutingInput, list: MatchList): RoutingVerdict {
  return freezeVerdict(toVerdict(compiled, settle(compiled, input, list.toArray(), SILENT)));
}

/** The decision for matches found some other way (the bench's linear scan), without explanation. */
export function verdictOf(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  matches: readonly CompiledRule[],
): RoutingVerdict {
  return toVerdict(compiled, settle(compiled, input, matches, SILENT));
}

export function toVerdict(compiled: CompiledRuleSet, settlement: Settlement): RoutingVerdict {
  return {
    lead: settlement.lead,
    coHandlers: settlement.coHandlers,
    ruleId: settlement.ruleId,
    rulesVersion: compiled.version,
    decidedBy: settlement.decidedBy,
    candidates: settlement.candidates.map((c) => ({ ruleId: c.rule.id, tier: c.tier })),
  };
}

export function freezeVerdict(verdict: RoutingVerdict): RoutingVerdict {
  verdict.candidates.forEach((candidate) => Object.freeze(candidate));
  Object.freeze(verdict.candidates);
  Object.freeze(verdict.coHandlers);
  return Object.freeze(verdict);
}
