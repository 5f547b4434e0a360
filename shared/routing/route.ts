// Routing one case: probe the index in precedence order along the case's locality chain, take the
// first matching rule whose lead resolves, or fall back to 业务主管、属地管理, or to triage.
import type { CompiledRule, CompiledRuleSet } from './compile';
import { Explainer, explainUnknown, type Source } from './explain';
import { resolveHandler, type CaseContext } from './resolve';
import { matcherKey } from './specificity';
import type { HandlerSpec, RoutingDecision, RoutingInput } from './types';

export function route(compiled: CompiledRuleSet, input: RoutingInput): RoutingDecision {
  return decide(compiled, input, findCandidates(compiled, input));
}

/**
 * The rules matching the case, most specific first. Probes at most 4 × (locality depth + 2) keys:
 * category+locality (deepest first), category, locality subtree (deepest first), kind-only and
 * default, each with the case's kind before the kind wildcard.
 */
export function findCandidates(compiled: CompiledRuleSet, input: RoutingInput): CompiledRule[] {
  const locality = compiled.localities.get(input.locality);
  if (!locality || !compiled.categories.has(input.category) || compiled.index.size === 0) return [];
  const found: CompiledRule[] = [];
  const probe = (category: string | null, localityCode: string | null) => {
    const withKind = compiled.index.get(matcherKey(category, localityCode, input.kind));
    if (withKind) found.push(withKind);
    const anyKind = compiled.index.get(matcherKey(category, localityCode, null));
    if (anyKind) found.push(anyKind);
  };
  for (const code of locality.chain) probe(input.category, code);
  probe(input.category, null);
  for (const code of locality.chain) probe(null, code);
  probe(null, null);
  return found;
}

/**
 * The decision given the matching rules, most specific first (however they were found: the bench's
 * linear scan hands its own list here). A rule whose lead resolves to no unit for this case (a
 * `business_owner` lead on a category without owner, a `locality` lead where no locality up the tree
 * has a governing unit) falls through to the next candidate, and the explanation says so.
 */
export function decide(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  matches: readonly CompiledRule[],
): RoutingDecision {
  const category = compiled.categories.get(input.category);
  const locality = compiled.localities.get(input.locality);
  if (!category || !locality) {
    return decision(compiled, null, [], null, 'triage', matches, explainUnknown(compiled, input));
  }
  const context: CaseContext = { category, locality };
  const say = new Explainer(compiled, context);
  const explanation: string[] = [];

  if (matches.length > 0) {
    const ids = matches.map((m) => m.rule.id).join(', ');
    explanation.push(`rules matching ${say.theCase(input.kind)}, most specific first: ${ids}`);
  }
  for (const match of matches) {
    const lead = resolveHandler(context, match.rule.lead);
    if (lead.unitId === null) {
      explanation.push(
        `${say.rule(match.rule)} leads by ${match.rule.lead}, but ${say.nothing(lead.via)}: it falls through to the next rule`,
      );
      continue;
    }
    explanation.push(`${say.rule(match.rule)} decides`);
    const source: Source = { ruleId: match.rule.id };
    explanation.push(say.lead(lead, source));
    const coHandlers = addCoHandlers(context, say, match.rule.coHandlers ?? [], lead.unitId, source, explanation);
    return decision(compiled, lead.unitId, coHandlers, match.rule.id, 'rule', winnerFirst(matches, match), explanation);
  }

  explanation.push(
    matches.length === 0
      ? `no routing rule matches ${say.theCase(input.kind)}: the default (业务主管、属地管理) applies`
      : 'no matching rule names a lead for this case: the default (业务主管、属地管理) applies',
  );
  const owner = resolveHandler(context, 'business_owner');
  if (owner.unitId !== null) {
    const source: Source = { fallback: 'business owner default' };
    explanation.push(say.lead(owner, source));
    const coHandlers = addCoHandlers(context, say, ['locality'], owner.unitId, source, explanation);
    return decision(compiled, owner.unitId, coHandlers, null, 'business_owner_default', matches, explanation);
  }
  const governing = resolveHandler(context, 'locality');
  if (governing.unitId !== null) {
    explanation.push(`${say.nothing('business_owner')}; ${say.lead(governing, { fallback: 'locality default' })}`);
    return decision(compiled, governing.unitId, [], null, 'locality_default', matches, explanation);
  }
  explanation.push(`${say.nothing('business_owner')} and ${say.nothing('locality')}: the case goes to triage`);
  return decision(compiled, null, [], null, 'triage', matches, explanation);
}

function addCoHandlers(
  context: CaseContext,
  say: Explainer,
  specs: readonly HandlerSpec[],
  lead: string,
  source: Source,
  explanation: string[],
): string[] {
  const coHandlers: string[] = [];
  const owner = 'ruleId' in source ? ` of rule ${source.ruleId}` : '';
  for (const spec of specs) {
    const resolution = resolveHandler(context, spec);
    if (resolution.unitId === null) {
      explanation.push(`co-handler ${spec}${owner} is skipped: ${say.nothing(resolution.via)}`);
    } else if (resolution.unitId === lead || coHandlers.includes(resolution.unitId)) {
      const role = resolution.unitId === lead ? 'the lead' : 'a co-handler';
      explanation.push(
        `co-handler ${spec}${owner} is ${say.unit(resolution.unitId)}, already ${role}: not added again`,
      );
    } else {
      coHandlers.push(resolution.unitId);
      explanation.push(say.coHandler(resolution, source));
    }
  }
  return coHandlers;
}

function winnerFirst(matches: readonly CompiledRule[], winner: CompiledRule): CompiledRule[] {
  return [winner, ...matches.filter((m) => m !== winner)];
}

function decision(
  compiled: CompiledRuleSet,
  lead: string | null,
  coHandlers: string[],
  ruleId: string | null,
  decidedBy: RoutingDecision['decidedBy'],
  candidates: readonly CompiledRule[],
  explanation: string[],
): RoutingDecision {
  return {
    lead,
    coHandlers,
    ruleId,
    rulesVersion: compiled.version,
    decidedBy,
    candidates: candidates.map((c) => ({ ruleId: c.rule.id, tier: c.tier })),
    explanation,
  };
}
