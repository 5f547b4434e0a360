// The sentences of `RoutingDecision.explanation`: English structure, the reference data's Chinese
// names, so the office can read why a case went where it did.
import type { CompiledRuleSet } from './compile';
import type { CaseContext, Resolution } from './resolve';
import type { CaseKind, RoutingInput, RoutingRule } from './types';

const KIND_NAMES: Record<CaseKind, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '群众困难',
};

/** Where a handler came from: a rule, or the default principle when no rule decided. */
export type Source = { ruleId: string } | { fallback: 'business owner default' | 'locality default' };

export class Explainer {
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

  lead(resolution: Resolution & { unitId: string }, source: Source): string {
    const tag = 'ruleId' in source ? `rule ${source.ruleId}, ${resolution.via.replace('_', ' ')}` : source.fallback;
    const unit = this.unit(resolution.unitId);
    if (resolution.via === 'business_owner')
      return `category ${this.context.category.name} is owned by ${unit} (${tag})`;
    if (resolution.via === 'locality') return `${this.place(resolution)} is governed by ${unit} (${tag})`;
    return `${'ruleId' in source ? `rule ${source.ruleId}` : 'the default'} names ${unit} as lead`;
  }

  coHandler(resolution: Resolution & { unitId: string }, source: Source): string {
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

export function kindName(kind: string): string {
  const name = (KIND_NAMES as Record<string, string | undefined>)[kind];
  return name ? `${name}/${kind}` : kind;
}

/** The triage explanation for a case whose category or locality the reference data does not know. */
export function explainUnknown(set: CompiledRuleSet, input: RoutingInput): string[] {
  const sentences: string[] = [];
  if (!set.categories.has(input.category)) sentences.push(`category ${input.category} is not a known category`);
  if (!set.localities.has(input.locality)) sentences.push(`locality ${input.locality} is not a known locality`);
  sentences.push(
    'no rule or default applies to an unknown reference: the case goes to triage for the office to assign',
  );
  return sentences;
}
