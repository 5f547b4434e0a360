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
        'no routing rule matches 占道经营 in 兴泰街道, kind 意见建议/suggestion: the default (业务主管、属地管理) applies',
        'category 占道经营 is owned by 综合行政执法局 (business owner default)',
        'locality 兴泰街道 adds 兴泰街道办事处 as co-handler',
      ],
    });
  });

  it('business owner default at a locality no government governs: the owner leads alone', () => {
    const decision = decide([], { ...vending, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: 'city-management', coHandlers: [], decidedBy: 'business_owner_default' });
    expect(decision.explanation).toContain(
      'co-handler locality is skipped: no locality at or above 兴义市 has a governing unit',
    );
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
      'category 其他 has no business owner; locality 兴隆社区, under 兴泰街道, is governed by 兴泰街道办事处 (locality default)',
    );
  });

  it('triage: neither an owner nor a governing unit anywhere up the tree', () => {
    const decision = decide([], { ...unowned, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: null, coHandlers: [], ruleId: null, decidedBy: 'triage' });
    expect(decision.explanation.at(-1)).toContain('the case goes to triage');
  });

  it.each([
    ['category', { ...vending, category: 'street-vendng' }, 'category street-vendng is not a known category'],
    ['locality', { ...vending, locality: 'atlantis' }, 'locality atlantis is not a known locality'],
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
      'rule owner-first (kind 群众困难/hardship) leads by business_owner, but category 其他 has no business owner: it falls through to the next rule',
    );
  });

  it('a locality lead where no locality up the tree has a governing unit falls through to the defaults', () => {
    const decision = decide([{ id: 'town-leads', lead: 'locality' }], { ...vending, locality: 'xingyi' });
    expect(decision).toMatchObject({ lead: 'city-management', ruleId: null, decidedBy: 'business_owner_default' });
    expect(decision.candidates).toEqual([{ ruleId: 'town-leads', tier: 'default' }]);
    expect(decision.explanation).toContain(
      'no matching rule names a lead for this case: the default (业务主管、属地管理) applies',
    );
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
    expect(decision.explanation).toContain(
      'co-handler business_owner of rule r is skipped: category 其他 has no business owner',
    );
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
      'co-handler city-management of rule r is 综合行政执法局, already the lead: not added again',
    );
    expect(decision.explanation).toContain(
      'co-handler xingtai-street of rule r is 兴泰街道办事处, already a co-handler: not added again',
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
