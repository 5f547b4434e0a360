// DOMAIN.md "Routing", rule 3, and the fall-through documented in shared/routing/route.ts: without a
// rule whose lead resolves, the owner leads with the locality co-handling; without an owner, the
// locality's government leads; with neither, triage.
import { describe, expect, it } from 'vitest';
import { xingyiReference } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, route } from '../../../shared/routing';
import type { RoutingInput, RoutingReference, RoutingRule } from '../../../shared/routing/types';

const decide = (rules: RoutingRule[], input: RoutingInput, reference: RoutingReference = xingyiReference) =>
  route(compileRuleSet(rules, reference, 3), input);

const vending: RoutingInput = { category: 'street-vending', locality: 'xingtai', kind: 'suggestion' };
const unowned: RoutingInput = { category: 'other', locality: 'xingtai-xinglong', kind: 'hardship' };

describe('fallbacks without a deciding rule', () => {
  it('business owner default: the owner leads and the locality government co-handles', () => {
    const decision = decide([], vending);
    expect(decision).toEqual({
      lead: 'city-management',
      coHandlers: ['xingtai-street'],
      ruleId: null,
      rulesVersion: 3,
      decidedBy: 'business_owner_default',
      candidates: [],
      explanation: [
        '没有匹配 兴泰街道「占道经营」（意见建议）的交办规则：按默认原则（业务主管、属地管理）办理',
        '类别「占道经营」的业务主管单位为综合行政执法局，由其牵头（默认原则，业务主管）',
        '属地兴泰街道，由兴泰街道办事处协办',
      ],
    });
  });

  it('business owner default at a locality no government governs: the owner leads alone', () => {
    const decision = decide([], { ...vending, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: 'city-management', coHandlers: [], decidedBy: 'business_owner_default' });
    expect(decision.explanation).toContain('协办单位（属地管理单位）未列入：兴义市及其上级区划均无属地管理单位');
  });

  it('locality default: a category without owner goes to the nearest governing unit up the tree', () => {
    const decision = decide([], unowned);
    expect(decision).toMatchObject({
      lead: 'xingtai-street',
      coHandlers: [],
      ruleId: null,
      decidedBy: 'locality_default',
    });
    expect(decision.explanation.at(-1)).toBe(
      '类别「其他」没有业务主管单位；兴隆社区属兴泰街道管辖，属地管理单位为兴泰街道办事处，由其牵头（默认原则，属地管理）',
    );
  });

  it('triage: neither an owner nor a governing unit anywhere up the tree', () => {
    const decision = decide([], { ...unowned, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: null, coHandlers: [], ruleId: null, decidedBy: 'triage' });
    expect(decision.explanation.at(-1)).toBe(
      '类别「其他」没有业务主管单位，兴义市及其上级区划均无属地管理单位：转人工分诊',
    );
  });

  it.each([
    ['category', { ...vending, category: 'street-vendng' }, '类别代码 street-vendng 不存在'],
    ['locality', { ...vending, locality: 'atlantis' }, '区划代码 atlantis 不存在'],
  ])('an unknown %s at routing time goes to triage with the reason', (_what, input, reason) => {
    const decision = decide([{ id: 'default', lead: 'office' }], input);
    expect(decision).toMatchObject({ lead: null, coHandlers: [], ruleId: null, decidedBy: 'triage', candidates: [] });
    expect(decision.explanation[0]).toBe(reason);
  });
});

describe('a rule whose lead resolves to nothing falls through to the next candidate', () => {
  it('a business_owner lead on a category without owner falls to the next rule, and says so', () => {
    const rules: RoutingRule[] = [
      { id: 'owner-first', kind: 'hardship', lead: 'business_owner' },
      { id: 'else-office', lead: 'office' },
    ];
    const decision = decide(rules, unowned);
    expect(decision).toMatchObject({ lead: 'office', ruleId: 'else-office', decidedBy: 'rule' });
    expect(decision.candidates).toEqual([
      { ruleId: 'else-office', tier: 'default' },
      { ruleId: 'owner-first', tier: 'kind' },
    ]);
    expect(decision.explanation).toContain(
      '规则 owner-first（群众困难）指定业务主管单位牵头，但类别「其他」没有业务主管单位：顺延至下一条规则',
    );
  });

  it('a locality lead where no locality up the tree has a governing unit falls through to the defaults', () => {
    const decision = decide([{ id: 'town-leads', lead: 'locality' }], { ...vending, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: 'city-management', ruleId: null, decidedBy: 'business_owner_default' });
    expect(decision.candidates).toEqual([{ ruleId: 'town-leads', tier: 'default' }]);
    expect(decision.explanation).toContain('匹配的交办规则均未能确定牵头单位：按默认原则（业务主管、属地管理）办理');
  });

  it('when every candidate falls through and there is neither owner nor government, triage', () => {
    const decision = decide([{ id: 'owner', lead: 'business_owner' }], { ...unowned, locality: 'xingyi' });
    expect(decision).toMatchObject({
      lead: null,
      decidedBy: 'triage',
      candidates: [{ ruleId: 'owner', tier: 'default' }],
    });
  });

  it('a co-handler that resolves to nothing is skipped with a reason, and the rule still decides', () => {
    const decision = decide([{ id: 'r', lead: 'office', coHandlers: ['business_owner', 'locality'] }], unowned);
    expect(decision).toMatchObject({ lead: 'office', coHandlers: ['xingtai-street'], ruleId: 'r' });
    expect(decision.explanation).toContain('规则 r 的协办单位（业务主管单位）未列入：类别「其他」没有业务主管单位');
  });
});

describe('co-handlers are deduplicated and never contain the lead', () => {
  it('drops a co-handler equal to the lead and repeats of the same unit, keeping first-seen order', () => {
    const rules: RoutingRule[] = [
      {
        id: 'r',
        lead: 'business_owner',
        coHandlers: [
          'city-management',
          'locality',
          'letters-visits',
          'xingtai-street',
          'business_owner',
          'letters-visits',
        ],
      },
    ];
    const decision = decide(rules, vending);
    expect(decision).toMatchObject({ lead: 'city-management', coHandlers: ['xingtai-street', 'letters-visits'] });
    expect(decision.explanation).toContain(
      '规则 r 的协办单位（city-management）即综合行政执法局，已是牵头单位：不重复列入',
    );
    expect(decision.explanation).toContain(
      '规则 r 的协办单位（xingtai-street）即兴泰街道办事处，已是协办单位：不重复列入',
    );
  });

  it('in the business owner default, a locality governed by the owner itself adds no co-handler', () => {
    const reference: RoutingReference = {
      ...xingyiReference,
      categories: [{ code: 'street-vending', name: '占道经营', businessOwnerUnitId: 'xingtai-street' }],
    };
    const decision = decide([], vending, reference);
    expect(decision).toMatchObject({ lead: 'xingtai-street', coHandlers: [], decidedBy: 'business_owner_default' });
  });
});
