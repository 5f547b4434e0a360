// Publishing a rule set: validate it against the reference data, then index it by its matchers so
// that routing probes a handful of keys instead of scanning every rule.
import { CASE_KINDS } from '../domain/enums';
import { buildFastIndex, type FastIndex } from './fast-index';
import { buildLocalityTree, type LocalityNode } from './locality-tree';
import { matcherKey, tierOf } from './specificity';
import {
  RuleSetInvalidError,
  type RoutingCategory,
  type RoutingReference,
  type RoutingRule,
  type RoutingUnit,
  type RoutingVerdict,
  type RuleProblem,
} from './types';

export interface CompiledRule {
  rule: RoutingRule;
  /** Position in the published rule set. */
  position: number;
  tier: string;
}

export interface CompiledRuleSet {
  readonly version: number;
  readonly rules: readonly CompiledRule[];
  /** One rule per matcher key (see `matcherKey`): identical matchers are a tie, rejected on publish. */
  readonly index: ReadonlyMap<string, CompiledRule>;
  readonly units: ReadonlyMap<string, RoutingUnit>;
  readonly categories: ReadonlyMap<string, RoutingCategory>;
  readonly localities: ReadonlyMap<string, LocalityNode>;
  /** What `verdict` walks instead of the string-keyed `index`. */
  readonly fast: FastIndex;
  /** The verdict for a case whose category or locality the reference data does not know. */
  readonly unknownReference: RoutingVerdict;
}

interface ReferenceIndex {
  units: ReadonlyMap<string, RoutingUnit>;
  categories: ReadonlyMap<string, RoutingCategory>;
  localities: ReadonlyMap<string, LocalityNode>;
}

const KINDS: readonly string[] = CASE_KINDS;

/**
 * Every problem of a rule set, each naming its rule: duplicate ids, unknown categories, localities,
 * kinds or units, and ties (rules that match the same cases with equal specificity, all named).
 * A handler that resolves to nothing for some case is not a problem: at routing time such a rule
 * falls through to the next matching rule, and the explanation says so. That also keeps a published
 * set valid when a category later loses its owner or a locality its governing unit.
 */
export function validateRuleSet(rules: readonly RoutingRule[], reference: RoutingReference): RuleProblem[] {
  return findProblems(rules, indexReference(reference));
}

/** Validates and indexes a rule set; throws `RuleSetInvalidError` listing every problem. */
export function compileRuleSet(
  rules: readonly RoutingRule[],
  reference: RoutingReference,
  version: number,
): CompiledRuleSet {
  const ref = indexReference(reference);
  const problems = findProblems(rules, ref);
  if (problems.length > 0) throw new RuleSetInvalidError(problems);

  const compiled = rules.map((rule, position): CompiledRule => ({
    rule: normalise(rule),
    position,
    tier: tierOf(rule),
  }));
  const index = new Map<string, CompiledRule>();
  for (const entry of compiled) {
    index.set(matcherKey(entry.rule.category, entry.rule.locality, entry.rule.kind), entry);
  }
  const unknownReference: RoutingVerdict = Object.freeze({
    lead: null,
    coHandlers: Object.freeze([]),
    ruleId: null,
    rulesVersion: version,
    decidedBy: 'triage',
    candidates: Object.freeze([]),
  });
  const fast = buildFastIndex(compiled, ref.categories, ref.localities);
  return { version, rules: compiled, index, ...ref, fast, unknownReference };
}

function indexReference(reference: RoutingReference): ReferenceIndex {
  const units = new Map<string, RoutingUnit>();
  for (const unit of reference.units) if (!units.has(unit.id)) units.set(unit.id, unit);
  const categories = new Map<string, RoutingCategory>();
  for (const category of reference.categories)
    if (!categories.has(category.code)) categories.set(category.code, category);
  return { units, categories, localities: buildLocalityTree(reference.localities) };
}

/** Rules arrive as JSON: a matcher given as null means the same as one left out. */
function normalise(rule: RoutingRule): RoutingRule {
  const out: RoutingRule = { id: rule.id, lead: rule.lead };
  if (rule.category != null) out.category = rule.category;
  if (rule.locality != null) out.locality = rule.locality;
  if (rule.kind != null) out.kind = rule.kind;
  if (rule.coHandlers != null) out.coHandlers = [...rule.coHandlers];
  return out;
}

function findProblems(rules: readonly RoutingRule[], ref: ReferenceIndex): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const idCounts = new Map<string, number>();
  for (const rule of rules) idCounts.set(rule.id, (idCounts.get(rule.id) ?? 0) + 1);
  const byMatchers = new Map<string, RoutingRule[]>();
  for (const rule of rules) {
    const key = matcherKey(rule.category, rule.locality, rule.kind);
    byMatchers.set(key, [...(byMatchers.get(key) ?? []), rule]);
  }

  for (const rule of rules) {
    const ruleId = typeof rule.id === 'string' ? rule.id : String(rule.id);
    const problem = (message: string) => problems.push({ ruleId, message });
    if (typeof rule.id !== 'string' || rule.id.trim() === '') problem('a rule needs a non-empty id');
    const uses = idCounts.get(rule.id) ?? 0;
    if (uses > 1) problem(`rule id ${ruleId} is used by ${uses} rules; ids must be unique`);
    if (rule.category != null && !ref.categories.has(rule.category))
      problem(`category ${rule.category} is not a known category`);
    if (rule.locality != null && !ref.localities.has(rule.locality))
      problem(`locality ${rule.locality} is not a known locality`);
    if (rule.kind != null && !KINDS.includes(rule.kind))
      problem(`kind ${String(rule.kind)} is not one of ${KINDS.join(', ')}`);
    checkHandler(rule.lead, 'lead', ref, problem);
    if (rule.coHandlers != null && !Array.isArray(rule.coHandlers)) problem('coHandlers must be a list');
    else for (const spec of rule.coHandlers ?? []) checkHandler(spec, 'co-handler', ref, problem);

    const rivals = (byMatchers.get(matcherKey(rule.category, rule.locality, rule.kind)) ?? []).filter(
      (r) => r !== rule,
    );
    if (rivals.length > 0) {
      problem(
        `ties with rule ${rivals.map((r) => r.id).join(', ')}: ${describeMatchers(rule)}, ` +
          'so they would match the same cases with equal specificity',
      );
    }
  }
  return problems;
}

function checkHandler(
  spec: unknown,
  role: 'lead' | 'co-handler',
  ref: ReferenceIndex,
  problem: (m: string) => void,
): void {
  if (spec === 'business_owner' || spec === 'locality') return;
  if (typeof spec !== 'string' || spec === '') problem(`${role} must be business_owner, locality or a unit id`);
  else if (!ref.units.has(spec)) problem(`${role} ${spec} is not a known unit (nor business_owner or locality)`);
}

function describeMatchers(rule: RoutingRule): string {
  const parts: string[] = [];
  if (rule.category != null) parts.push(`category ${rule.category}`);
  if (rule.locality != null) parts.push(`locality ${rule.locality}`);
  if (rule.kind != null) parts.push(`kind ${rule.kind}`);
  return parts.length === 0 ? 'each is a default rule (no matchers)' : `each matches ${parts.join(', ')}`;
}
