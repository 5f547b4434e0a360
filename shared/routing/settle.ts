// Settling a case given the rules that match it, most specific first: the first rule whose lead
// resolves decides; else the default (业务主管、属地管理); else triage. One walk serves the decision and
// its explanation: a narrator hears every step, and the silent one builds nothing, so a decision
// that nobody will read the reasons of does not pay for them.
import type { CompiledRule, CompiledRuleSet } from './compile';
import { resolveHandler, type CaseContext, type Resolution } from './resolve';
import type { DecidedBy, HandlerSpec, RoutingInput } from './types';

/** Where a handler came from: a rule, or the default principle when no rule decided. */
export type Source = { ruleId: string } | { fallback: 'business owner default' | 'locality default' };

export type ResolvedHandler = Resolution & { unitId: string };

/** The steps of a settlement, in the order they happen (see `SentenceNarrator` for their words). */
export interface Narrator {
  unknownReference(): void;
  matching(matches: readonly CompiledRule[]): void;
  fallsThrough(rule: CompiledRule, via: 'business_owner' | 'locality'): void;
  decides(rule: CompiledRule, lead: ResolvedHandler, source: Source): void;
  defaultApplies(anyRuleMatched: boolean): void;
  ownerLeads(owner: ResolvedHandler, source: Source): void;
  localityLeads(governing: ResolvedHandler): void;
  triage(): void;
  coHandlerUnresolved(spec: HandlerSpec, source: Source, via: 'business_owner' | 'locality'): void;
  coHandlerRepeated(spec: HandlerSpec, source: Source, unitId: string, role: 'the lead' | 'a co-handler'): void;
  coHandlerAdded(resolution: ResolvedHandler, source: Source): void;
}

const ignore = () => undefined;
export const SILENT: Narrator = {
  unknownReference: ignore,
  matching: ignore,
  fallsThrough: ignore,
  decides: ignore,
  defaultApplies: ignore,
  ownerLeads: ignore,
  localityLeads: ignore,
  triage: ignore,
  coHandlerUnresolved: ignore,
  coHandlerRepeated: ignore,
  coHandlerAdded: ignore,
};

export interface Settlement {
  lead: string | null;
  coHandlers: string[];
  ruleId: string | null;
  decidedBy: DecidedBy;
  /** The matching rules, winner first, then the others from most to least specific. */
  candidates: readonly CompiledRule[];
}

/**
 * A rule whose lead resolves to no unit for this case (a `business_owner` lead on a category without
 * owner, a `locality` lead where no locality up the tree has a governing unit) falls through to the
 * next candidate, and the narrator hears why.
 */
export function settle(
  compiled: CompiledRuleSet,
  input: RoutingInput,
  matches: readonly CompiledRule[],
  narrator: Narrator,
): Settlement {
  const category = compiled.categories.get(input.category);
  const locality = compiled.localities.get(input.locality);
  if (!category || !locality) {
    narrator.unknownReference();
    return { lead: null, coHandlers: [], ruleId: null, decidedBy: 'triage', candidates: matches };
  }
  const context: CaseContext = { category, locality };

  if (matches.length > 0) narrator.matching(matches);
  for (const match of matches) {
    const lead = resolveHandler(context, match.rule.lead);
    if (lead.unitId === null) {
      narrator.fallsThrough(match, lead.via);
      continue;
    }
    const source: Source = { ruleId: match.rule.id };
    narrator.decides(match, lead, source);
    const coHandlers = addCoHandlers(context, narrator, match.rule.coHandlers ?? [], lead.unitId, source);
    return {
      lead: lead.unitId,
      coHandlers,
      ruleId: match.rule.id,
      decidedBy: 'rule',
      candidates: [match, ...matches.filter((m) => m !== match)],
    };
  }

  narrator.defaultApplies(matches.length > 0);
  const owner = resolveHandler(context, 'business_owner');
  if (owner.unitId !== null) {
    const source: Source = { fallback: 'business owner default' };
    narrator.ownerLeads(owner, source);
    const coHandlers = addCoHandlers(context, narrator, ['locality'], owner.unitId, source);
    return { lead: owner.unitId, coHandlers, ruleId: null, decidedBy: 'business_owner_default', candidates: matches };
  }
  const governing = resolveHandler(context, 'locality');
  if (governing.unitId !== null) {
    narrator.localityLeads(governing);
    return { lead: governing.unitId, coHandlers: [], ruleId: null, decidedBy: 'locality_default', candidates: matches };
  }
  narrator.triage();
  return { lead: null, coHandlers: [], ruleId: null, decidedBy: 'triage', candidates: matches };
}

function addCoHandlers(
  context: CaseContext,
  narrator: Narrator,
  specs: readonly HandlerSpec[],
  lead: string,
  source: Source,
): string[] {
  const coHandlers: string[] = [];
  for (const spec of specs) {
    const resolution = resolveHandler(context, spec);
    if (resolution.unitId === null) {
      narrator.coHandlerUnresolved(spec, source, resolution.via);
    } else if (resolution.unitId === lead || coHandlers.includes(resolution.unitId)) {
      narrator.coHandlerRepeated(
        spec,
        source,
        resolution.unitId,
        resolution.unitId === lead ? 'the lead' : 'a co-handler',
      );
    } else {
      coHandlers.push(resolution.unitId);
      narrator.coHandlerAdded(resolution, source);
    }
  }
  return coHandlers;
}
