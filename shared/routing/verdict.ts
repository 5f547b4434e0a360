// The decision alone, at full speed and without memory of earlier cases: integers and typed arrays
// instead of strings and maps. It is `settle` (which `route` and `explain` walk) done over rule
// positions, with no narrator; the tests and the bench hold the two to the same decisions.
import type { CompiledRule, CompiledRuleSet } from './compile';
import { ANY_KIND, GROUP, KIND_SLOTS, LEAD_LOCALITY, LEAD_OWNER, kindSlot, type FastIndex } from './fast-index';
import { settle, SILENT, type Settlement } from './settle';
import type { RoutingInput, RoutingVerdict } from './types';

const NONE: readonly string[] = Object.freeze([]);
// Read once: an imported binding may compile to a getter call (esbuild's CommonJS output, which the
// benches and tests run), too dear on a path taken a million times a second.
const [ANY, STRIDE, KINDS, OWNER, LOCALITY] = [ANY_KIND, GROUP, KIND_SLOTS, LEAD_OWNER, LEAD_LOCALITY];

/**
 * The same decision as `route`, without its explanation: a new object per call, whose candidate
 * entries (one per rule) and empty lists are shared and frozen. Nothing is kept between calls.
 */
export function verdict(compiled: CompiledRuleSet, input: RoutingInput): RoutingVerdict {
  const fast = compiled.fast;
  const categoryId = fast.categoryIds.get(input.category);
  const localityId = fast.localityIds.get(input.locality);
  if (categoryId === undefined || localityId === undefined) return compiled.unknownReference;
  const matches = fast.scratch;
  const count = collectMatches(fast, categoryId, localityId, kindSlot(input.kind));
  const owner = fast.owners[categoryId]!;
  const governing = fast.governing[localityId]!;
  for (let i = 0; i < count; i++) {
    const position = matches[i]!;
    const leadKind = fast.leadKinds[position]!;
    const lead = leadKind === OWNER ? owner : leadKind === LOCALITY ? governing : fast.leadUnits[position]!;
    if (lead === null) continue; // the rule falls through to the next
    return {
      lead,
      coHandlers: coHandlersOf(fast, position, owner, governing, lead),
      ruleId: fast.ruleIds[position]!,
      rulesVersion: compiled.version,
      decidedBy: 'rule',
      candidates: candidatesOf(fast, count, i),
    };
  }
  // 业务主管、属地管理: the business owner leads with the governing unit, else the governing unit alone.
  const candidates = candidatesOf(fast, count, -1);
  const rulesVersion = compiled.version;
  if (owner !== null) {
    const coHandlers = governing !== null && governing !== owner ? [governing] : NONE;
    return { lead: owner, coHandlers, ruleId: null, rulesVersion, decidedBy: 'business_owner_default', candidates };
  }
  const decidedBy = governing !== null ? 'locality_default' : 'triage';
  return { lead: governing, coHandlers: NONE, ruleId: null, rulesVersion, decidedBy, candidates };
}

/**
 * Puts the positions of the rules matching the case in `fast.scratch`, most specific first (see
 * specificity.ts): the category's category+locality rules from the case's locality up to the root,
 * its category rules, then the locality's tail (locality-subtree rules, deepest first, and the
 * defaults); in each group of identical category and locality matchers, the rule for the case's
 * kind before the rule for any kind. Returns how many.
 */
function collectMatches(fast: FastIndex, categoryId: number, localityId: number, kind: number): number {
  const out = fast.scratch;
  const { chains, marks, pairs, pairRules } = fast;
  let count = 0;
  const offset = fast.coverageOffsets[categoryId]!;
  if (offset >= 0 && (fast.coverage[offset + (localityId >>> 5)]! & (1 << (localityId & 31))) !== 0) {
    for (let i = localityId * fast.chainStride, end = i + fast.chainStride; i < end; i++) {
      const ancestor = chains[i]!;
      if (ancestor < 0) break;
      if ((marks[offset + (ancestor >>> 5)]! & (1 << (ancestor & 31))) === 0) continue;
      const group = pairs.get(categoryId, ancestor);
      if (pairRules[group + kind]! >= 0) out[count++] = pairRules[group + kind]!;
      if (pairRules[group + ANY]! >= 0) out[count++] = pairRules[group + ANY]!;
    }
  }
  const own = categoryId * STRIDE;
  const categoryRules = fast.categoryRules;
  if (categoryRules[own + kind]! >= 0) out[count++] = categoryRules[own + kind]!;
  if (categoryRules[own + ANY]! >= 0) out[count++] = categoryRules[own + ANY]!;
  const at = localityId * KINDS + kind;
  const tails = fast.tails;
  for (let i = fast.tailStarts[at]!, end = fast.tailStarts[at + 1]!; i < end; i++) out[count++] = tails[i]!;
  return count;
}

/** The rules in `fast.scratch`, the winner (at `winner`, -1 for none) first and the rest in order. */
function candidatesOf(fast: FastIndex, count: number, winner: number): RoutingVerdict['candidates'] {
  const matches = fast.scratch;
  const entries = fast.candidates;
  // Sized once and filled in place: pushing would grow the array, allocating twice.
  const candidates = new Array<RoutingVerdict['candidates'][number]>(count);
  let at = 0;
  if (winner >= 0) candidates[at++] = entries[matches[winner]!]!;
  for (let i = 0; i < count; i++) if (i !== winner) candidates[at++] = entries[matches[i]!]!;
  return candidates;
}

/** The rule's co-handlers as units: unresolved ones skipped, the lead and repeats not added again. */
function coHandlersOf(
  fast: FastIndex,
  position: number,
  owner: string | null,
  governing: string | null,
  lead: string,
): readonly string[] {
  let units: string[] | null = null;
  for (let i = fast.coHandlerStarts[position]!, end = fast.coHandlerStarts[position + 1]!; i < end; i++) {
    const kind = fast.coHandlerKinds[i]!;
    const unit = kind === OWNER ? owner : kind === LOCALITY ? governing : fast.coHandlerUnits[i]!;
    if (unit === null || unit === lead || (units !== null && units.includes(unit))) continue;
    if (units === null) units = [unit];
    else units.push(unit);
  }
  return units ?? NONE;
}

/** The rules matching the case, most specific first; none for unknown reference data. */
export function matchingRules(compiled: CompiledRuleSet, input: RoutingInput): CompiledRule[] {
  const fast = compiled.fast;
  const categoryId = fast.categoryIds.get(input.category);
  const localityId = fast.localityIds.get(input.locality);
  if (categoryId === undefined || localityId === undefined) return [];
  const count = collectMatches(fast, categoryId, localityId, kindSlot(input.kind));
  return Array.from(fast.scratch.subarray(0, count), (position) => compiled.rules[position]!);
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
