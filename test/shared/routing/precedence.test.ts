// DOMAIN.md "Routing", rule 2: the most specific matching rule wins — category+locality > category >
// locality subtree (deeper beats shallower) > kind > default, and a kind matcher lifts a rule above the
// same rule without it. Each rule below names a different fixed lead, so the lead shows who won.
import { describe, expect, it } from 'vitest';
import { xingyiReference } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, route } from '../../../shared/routing';
import type { RoutingInput, RoutingRule } from '../../../shared/routing/types';

const dispute: RoutingInput = {
  category: 'neighbour-dispute',
  locality: 'qishe-magenao-xiaojiazhai',
  kind: 'conflict_risk',
};

const decide = (rules: RoutingRule[], input: RoutingInput = dispute) =>
  route(compileRuleSet(rules, xingyiReference, 7), input);

const everyLevel: RoutingRule[] = [
  { id: 'default', lead: 'office' },
  { id: 'kind', kind: 'conflict_risk', lead: 'letters-visits' },
  { id: 'city', locality: 'xingyi', lead: 'political-legal' },
  { id: 'town', locality: 'qishe', lead: 'qishe-town' },
  { id: 'category', category: 'neighbour-dispute', lead: 'justice-bureau' },
  { id: 'category-in-town', category: 'neighbour-dispute', locality: 'qishe', lead: 'public-security' },
  { id: 'category-in-village', category: 'neighbour-dispute', locality: 'qishe-magenao', lead: 'civil-affairs' },
];

const without = (...ids: string[]) => everyLevel.filter((r) => !ids.includes(r.id));

describe('precedence: the most specific matching rule wins', () => {
  it('category+locality beats every other tier, and lists all matching rules winner first', () => {
    const decision = decide(everyLevel);
    expect(decision).toMatchObject({
      lead: 'civil-affairs',
      ruleId: 'category-in-village',
      decidedBy: 'rule',
      rulesVersion: 7,
    });
    expect(decision.candidates).toEqual([
      { ruleId: 'category-in-village', tier: 'category+locality' },
      { ruleId: 'category-in-town', tier: 'category+locality' },
      { ruleId: 'category', tier: 'category' },
      { ruleId: 'town', tier: 'locality' },
      { ruleId: 'city', tier: 'locality' },
      { ruleId: 'kind', tier: 'kind' },
      { ruleId: 'default', tier: 'default' },
    ]);
  });

  it('within category+locality, the deeper locality beats the shallower', () => {
    expect(decide(without('category-in-village')).ruleId).toBe('category-in-town');
  });

  it('category alone beats a locality subtree rule, however deep that locality is', () => {
    const rules = [
      ...without('category-in-village', 'category-in-town'),
      { id: 'village', locality: 'qishe-magenao-xiaojiazhai', lead: 'housing' },
    ];
    expect(decide(rules)).toMatchObject({ ruleId: 'category', lead: 'justice-bureau' });
  });

  it('a locality subtree rule beats a kind rule, and the deeper locality beats the shallower', () => {
    expect(decide(without('category-in-village', 'category-in-town', 'category'))).toMatchObject({
      ruleId: 'town',
      lead: 'qishe-town',
    });
    expect(decide(without('category-in-village', 'category-in-town', 'category', 'town')).ruleId).toBe('city');
  });

  it('a kind rule beats the default rule', () => {
    expect(decide([everyLevel[0]!, everyLevel[1]!])).toMatchObject({ ruleId: 'kind', lead: 'letters-visits' });
  });

  it('the default rule (no matchers) decides when nothing more specific matches', () => {
    expect(decide([everyLevel[0]!])).toMatchObject({
      ruleId: 'default',
      lead: 'office',
      candidates: [{ ruleId: 'default', tier: 'default' }],
    });
  });

  it('a locality rule matches its whole subtree but nothing outside it', () => {
    const rules: RoutingRule[] = [{ id: 'town', locality: 'qishe', lead: 'qishe-town' }];
    expect(decide(rules, { ...dispute, locality: 'qishe' }).ruleId).toBe('town');
    expect(decide(rules, { ...dispute, locality: 'qishe-geshang' }).ruleId).toBe('town');
    expect(decide(rules, { ...dispute, locality: 'xingtai' }).ruleId).toBeNull();
    expect(decide(rules, { ...dispute, locality: 'xingyi' }).ruleId).toBeNull();
  });

  it('a rule for another category or another kind does not match', () => {
    const rules: RoutingRule[] = [
      { id: 'vending', category: 'street-vending', lead: 'city-management' },
      { id: 'hardship', kind: 'hardship', lead: 'civil-affairs' },
    ];
    expect(decide(rules)).toMatchObject({ ruleId: null, candidates: [] });
  });

  describe('a kind matcher lifts a rule above the same rule without it', () => {
    it.each<[string, Partial<RoutingRule>]>([
      ['category+locality', { category: 'neighbour-dispute', locality: 'qishe' }],
      ['category', { category: 'neighbour-dispute' }],
      ['locality', { locality: 'qishe' }],
      ['default', {}],
    ])('in tier %s', (tier, matchers) => {
      const rules: RoutingRule[] = [
        { id: 'plain', ...matchers, lead: 'office' },
        { id: 'with-kind', ...matchers, kind: 'conflict_risk', lead: 'letters-visits' },
      ];
      const decision = decide(rules);
      expect(decision.ruleId).toBe('with-kind');
      expect(decision.candidates.map((c) => c.ruleId)).toEqual(['with-kind', 'plain']);
      expect(decision.candidates[0]!.tier).toBe(tier === 'default' ? 'kind' : `${tier}+kind`);
      expect(decide(rules, { ...dispute, kind: 'hardship' }).ruleId).toBe('plain');
    });

    it('but a kind matcher never outranks a deeper locality or a category', () => {
      const rules: RoutingRule[] = [
        { id: 'town-with-kind', locality: 'qishe', kind: 'conflict_risk', lead: 'letters-visits' },
        { id: 'village', locality: 'qishe-magenao', lead: 'qishe-town' },
        { id: 'category', category: 'neighbour-dispute', lead: 'justice-bureau' },
      ];
      expect(decide(rules).candidates.map((c) => c.ruleId)).toEqual(['category', 'village', 'town-with-kind']);
    });
  });
});

describe('handlers: business_owner, locality and fixed units', () => {
  it('business_owner resolves to the category owner and locality to the nearest governing unit up the tree', () => {
    const decision = decide([{ id: 'r', lead: 'business_owner', coHandlers: ['locality', 'letters-visits'] }]);
    expect(decision).toMatchObject({ lead: 'justice-bureau', coHandlers: ['qishe-town', 'letters-visits'] });
    expect(decision.explanation).toContain('类别「相邻关系纠纷」的业务主管单位为司法局，由其牵头（规则 r，业务主管）');
    expect(decision.explanation).toContain('肖家寨组属七舍镇管辖，由七舍镇人民政府协办');
    expect(decision.explanation).toContain('规则 r 指定信访局协办');
  });

  it('a locality lead names the governing unit and a business_owner co-handler the owner', () => {
    const decision = decide([{ id: 'r', lead: 'locality', coHandlers: ['business_owner'] }], {
      ...dispute,
      locality: 'qishe',
    });
    expect(decision).toMatchObject({ lead: 'qishe-town', coHandlers: ['justice-bureau'] });
    expect(decision.explanation).toContain('属地七舍镇，属地管理单位为七舍镇人民政府，由其牵头（规则 r，属地管理）');
    expect(decision.explanation).toContain('由类别「相邻关系纠纷」的业务主管单位司法局协办');
  });
});
