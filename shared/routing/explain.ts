// The sentences of `RoutingDecision.explanation` (交办依据), in the official Chinese the office and
// the units read in the console, so they can see why a case went where it did. Built only when asked
// for: `explain` walks the case again with a narrator that writes down each step of `settle`.
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

/** How a lead was found, as the tag after a lead sentence names it. */
const PRINCIPLE = { business_owner: '业务主管', locality: '属地管理' } as const;

const FALLBACK_TAGS: Record<Extract<Source, { fallback: string }>['fallback'], string> = {
  'business owner default': '默认原则，业务主管',
  'locality default': '默认原则，属地管理',
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

  /** 「规则 r1（类别 相邻关系纠纷、七舍镇及以下、矛盾风险）」 */
  rule(rule: RoutingRule): string {
    const parts: string[] = [];
    if (rule.category != null) parts.push(`类别 ${this.set.categories.get(rule.category)?.name ?? rule.category}`);
    if (rule.locality != null) parts.push(`${this.locality(rule.locality)}及以下`);
    if (rule.kind != null) parts.push(kindName(rule.kind));
    return `规则 ${rule.id}（${parts.length === 0 ? '默认规则，不限条件' : parts.join('、')}）`;
  }

  /** 「兴义市「其他」（问题线索）」 */
  theCase(kind: CaseKind): string {
    return `${this.context.locality.name}「${this.context.category.name}」（${kindName(kind)}）`;
  }

  /** 「属地七舍镇」 or, when a locality above it governs, 「肖家寨组属七舍镇管辖」. */
  private place(resolution: Resolution): string {
    const own = `属地${this.context.locality.name}`;
    if (resolution.via !== 'locality' || resolution.unitId === null) return own;
    const governing = resolution.governingLocality;
    return governing === this.context.locality.code
      ? own
      : `${this.context.locality.name}属${this.locality(governing)}管辖`;
  }

  lead(resolution: ResolvedHandler, source: Source): string {
    const unit = this.unit(resolution.unitId);
    if (resolution.via === 'unit') return `${ruleOrDefault(source)}指定${unit}牵头`;
    const tag =
      'ruleId' in source ? `规则 ${source.ruleId}，${PRINCIPLE[resolution.via]}` : FALLBACK_TAGS[source.fallback];
    if (resolution.via === 'business_owner')
      return `类别「${this.context.category.name}」的业务主管单位为${unit}，由其牵头（${tag}）`;
    return `${this.place(resolution)}，属地管理单位为${unit}，由其牵头（${tag}）`;
  }

  coHandler(resolution: ResolvedHandler, source: Source): string {
    const unit = this.unit(resolution.unitId);
    if (resolution.via === 'business_owner') return `由类别「${this.context.category.name}」的业务主管单位${unit}协办`;
    if (resolution.via === 'locality') return `${this.place(resolution)}，由${unit}协办`;
    return `${ruleOrDefault(source)}指定${unit}协办`;
  }

  /** Why `business_owner` or `locality` resolved to no unit for this case. */
  nothing(via: 'business_owner' | 'locality'): string {
    return via === 'business_owner'
      ? `类别「${this.context.category.name}」没有业务主管单位`
      : `${this.context.locality.name}及其上级区划均无属地管理单位`;
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
    if (!this.set.categories.has(this.input.category)) this.sentences.push(`类别代码 ${this.input.category} 不存在`);
    if (!this.set.localities.has(this.input.locality)) this.sentences.push(`区划代码 ${this.input.locality} 不存在`);
    this.sentences.push('类别或区划未知，任何规则和默认原则均不适用：转人工分诊，由活动办交办');
  }

  matching(matches: readonly CompiledRule[]): void {
    const ids = matches.map((m) => m.rule.id).join('、');
    this.sentences.push(`匹配 ${this.say.theCase(this.input.kind)}的交办规则（由具体到一般）：${ids}`);
  }

  fallsThrough({ rule }: CompiledRule, via: 'business_owner' | 'locality'): void {
    this.sentences.push(
      `${this.say.rule(rule)}指定${specName(rule.lead)}牵头，但${this.say.nothing(via)}：顺延至下一条规则`,
    );
  }

  decides({ rule }: CompiledRule, lead: ResolvedHandler, source: Source): void {
    this.sentences.push(`适用${this.say.rule(rule)}`, this.say.lead(lead, source));
  }

  defaultApplies(anyRuleMatched: boolean): void {
    this.sentences.push(
      anyRuleMatched
        ? '匹配的交办规则均未能确定牵头单位：按默认原则（业务主管、属地管理）办理'
        : `没有匹配 ${this.say.theCase(this.input.kind)}的交办规则：按默认原则（业务主管、属地管理）办理`,
    );
  }

  ownerLeads(owner: ResolvedHandler, source: Source): void {
    this.sentences.push(this.say.lead(owner, source));
  }

  localityLeads(governing: ResolvedHandler): void {
    const lead = this.say.lead(governing, { fallback: 'locality default' });
    this.sentences.push(`${this.say.nothing('business_owner')}；${lead}`);
  }

  triage(): void {
    this.sentences.push(`${this.say.nothing('business_owner')}，${this.say.nothing('locality')}：转人工分诊`);
  }

  coHandlerUnresolved(spec: HandlerSpec, source: Source, via: 'business_owner' | 'locality'): void {
    this.sentences.push(`${ofRule(source)}协办单位（${specName(spec)}）未列入：${this.say.nothing(via)}`);
  }

  coHandlerRepeated(spec: HandlerSpec, source: Source, unitId: string, role: 'the lead' | 'a co-handler'): void {
    const already = role === 'the lead' ? '牵头单位' : '协办单位';
    this.sentences.push(
      `${ofRule(source)}协办单位（${specName(spec)}）即${this.say.unit(unitId)}，已是${already}：不重复列入`,
    );
  }

  coHandlerAdded(resolution: ResolvedHandler, source: Source): void {
    this.sentences.push(this.say.coHandler(resolution, source));
  }
}

const ruleOrDefault = (source: Source) => ('ruleId' in source ? `规则 ${source.ruleId} ` : '默认原则');

const ofRule = (source: Source) => ('ruleId' in source ? `规则 ${source.ruleId} 的` : '');

/** A handler spec as a clerk reads it: the principle's unit, or the unit id the rule names. */
function specName(spec: HandlerSpec): string {
  if (spec === 'business_owner') return '业务主管单位';
  if (spec === 'locality') return '属地管理单位';
  return spec;
}

/** A case kind's Chinese name (问题线索, 矛盾风险, …); an unknown kind as it is. */
function kindName(kind: string): string {
  return (KIND_NAMES as Record<string, string | undefined>)[kind] ?? kind;
}
