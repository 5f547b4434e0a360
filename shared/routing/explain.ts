// The sentences of `RoutingDecision.explanation`: English structure, the reference data's Chinese
// names, so the office can read why a case went where it did. Built only when asked for: `explain`
// walks the case again with a narrator that writes down each step of `settle`.
import type { CompiledRule, CompiledRuleSet } from './compile';
import type { CaseContext, Resolution } from './resolve';
import type { Narrator, ResolvedHandler, Source } from './settle';
import type { CaseKind, HandlerSpec, RoutingInput, RoutingRule } from './types';

const KIND_NAMES: Record<CaseKind, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '群众困难',
};

class Explainer {
  constructor(
    private readonly set: CompiledRuleSet,
    private readonly context: CaseContext,
  ) {}

  unit(id: string): string {
    return this.set.units.get(id)?.name ?? id;
  }

  locality(code: string): string {
    return this.set.localities.get(code)?.name ?? code;
  }

  rule(rule: RoutingRule): string {
    const parts: string[] = [];
    if (rule.category != null) parts.push(`category ${this.set.categories.get(rule.category)?.name ?? rule.category}`);
    if (rule.locality != null) parts.push(`locality ${this.locality(rule.locality)} and below`);
    if (rule.kind != null) parts.push(`kind ${kindName(rule.kind)}`);
    return `rule ${rule.id} (${parts.length === 0 ? 'the default rule, no matchers' : parts.join(', ')})`;
  }

  theCase(kind: CaseKind): string {
    return `${this.context.category.name} in ${this.context.locality.name}, kind ${kindName(kind)}`;
  }

  /** "locality 肖家寨组" or, when a locality above it governs, "locality 肖家寨组, under 七舍镇,". */
  private place(resolution: Resolution): string {
    const own = `locality ${this.context.locality.name}`;
    if (resolution.via !== 'locality' || resolution.unitId === null) return own;
    const governing = resolution.governingLocality;
    return governing === this.context.locality.code ? own : `${own}, under ${this.locality(governing)},`;
  }

  lead(resolution: ResolvedHandler, source: Source): string {
    const tag = 'ruleId' in source ? `rule ${source.ruleId}, ${resolution.via.replace('_', ' ')}` : source.fallback;
    const unit = this.unit(resolution.unitId);
    if (resolution.via === 'business_owner')
      return `category ${this.context.category.name} is owned by ${unit} (${tag})`;
    if (resolution.via === 'locality') return `${this.place(resolution)} is governed by ${unit} (${tag})`;
    return `${'ruleId' in source ? `rule ${source.ruleId}` : 'the default'} names ${unit} as lead`;
  }

  coHandler(resolution: ResolvedHandler, source: Source): string {
    const unit = this.unit(resolution.unitId);
    if (resolution.via === 'business_owner')
      return `category ${this.context.category.name} adds its owner ${unit} as co-handler`;
    if (resolution.via === 'locality') return `${this.place(resolution)} adds ${unit} as co-handler`;
    return `${'ruleId' in source ? `rule ${source.ruleId}` : 'the default'} adds ${unit} as co-handler`;
  }

  /** Why `business_owner` or `locality` resolved to no unit for this case. */
  nothing(via: 'business_owner' | 'locality'): string {
    return via === 'business_owner'
      ? `category ${this.context.category.name} has no business owner`
      : `no locality at or above ${this.context.locality.name} has a governing unit`;
  }
}

/** Writes down each step of a settlement as a sentence. */
export class SentenceNarrator implements Narrator {
  readonly sentences: string[] = [];
  private readonly explainer: Explainer | null;

  constructor(
    private readonly set: CompiledRuleSet,
    private readonly input: RoutingInput,
  ) {
    const category = set.categories.get(input.category);
    const locality = set.localities.get(input.locality);
    this.explainer = category && locality ? new Explainer(set, { category, locality }) : null;
  }

  /** `settle` narrates a known case only after `unknownReference` was ruled out. */
  private get say(): Explainer {
    if (!this.explainer) throw new Error('a case with unknown reference data has no routing steps to narrate');
    return this.explainer;
  }

  unknownReference(): void {
    if (!this.set.categories.has(this.input.category))
      this.sentences.push(`category ${this.input.category} is not a known category`);
    if (!this.set.localities.has(this.input.locality))
      this.sentences.push(`locality ${this.input.locality} is not a known locality`);
    this.sentences.push(
      'no rule or default applies to an unknown reference: the case goes to triage for the office to assign',
    );
  }

  matching(matches: readonly CompiledRule[]): void {
    const ids = matches.map((m) => m.rule.id).join(', ');
    this.sentences.push(`rules matching ${this.say.theCase(this.input.kind)}, most specific first: ${ids}`);
  }

  fallsThrough({ rule }: CompiledRule, via: 'business_owner' | 'locality'): void {
    this.sentences.push(
      `${this.say.rule(rule)} leads by ${rule.lead}, but ${this.say.nothing(via)}: it falls through to the next rule`,
    );
  }

  decides({ rule }: CompiledRule, lead: ResolvedHandler, source: Source): void {
    this.sentences.push(`${this.say.rule(rule)} decides`, this.say.lead(lead, source));
  }

  defaultApplies(anyRuleMatched: boolean): void {
    this.sentences.push(
      anyRuleMatched
        ? 'no matching rule names a lead for this case: the default (业务主管、属地管理) applies'
        : `no routing rule matches ${this.say.theCase(this.input.kind)}: the default (业务主管、属地管理) applies`,
    );
  }

  ownerLeads(owner: ResolvedHandler, source: Source): void {
    this.sentences.push(this.say.lead(owner, source));
  }

  localityLeads(governing: ResolvedHandler): void {
    const lead = this.say.lead(governing, { fallback: 'locality default' });
    this.sentences.push(`${this.say.nothing('business_owner')}; ${lead}`);
  }

  triage(): void {
    this.sentences.push(
      `${this.say.nothing('business_owner')} and ${this.say.nothing('locality')}: the case goes to triage`,
    );
  }

  coHandlerUnresolved(spec: HandlerSpec, source: Source, via: 'business_owner' | 'locality'): void {
    this.sentences.push(`co-handler ${spec}${ofRule(source)} is skipped: ${this.say.nothing(via)}`);
  }

  coHandlerRepeated(spec: HandlerSpec, source: Source, unitId: string, role: 'the lead' | 'a co-handler'): void {
    this.sentences.push(
      `co-handler ${spec}${ofRule(source)} is ${this.say.unit(unitId)}, already ${role}: not added again`,
    );
  }

  coHandlerAdded(resolution: ResolvedHandler, source: Source): void {
    this.sentences.push(this.say.coHandler(resolution, source));
  }
}

const ofRule = (source: Source) => ('ruleId' in source ? ` of rule ${source.ruleId}` : '');

export function kindName(kind: string): string {
  const name = (KIND_NAMES as Record<string, string | undefined>)[kind];
  return name ? `${name}/${kind}` : kind;
}
