// The seed's three stories (seed/xingyi-visitation-campaign.txt) routed by the 兴义市 demo data, and
// the demo rule set's other levels: what the office will see when it runs `npm start`.
import { describe, expect, it } from 'vitest';
import { xingyiDemo, xingyiReference, xingyiStories } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, route } from '../../../shared/routing';
import type { RoutingInput } from '../../../shared/routing/types';

const compiled = compileRuleSet(xingyiDemo.rules, xingyiReference, xingyiDemo.rulesVersion);
const story = (category: string) => {
  const found = xingyiStories.find((s) => s.category === category);
  if (!found) throw new Error(`no demo story for ${category}`);
  return found;
};

describe('the seed stories route by 业务主管、属地管理', () => {
  it('street promotion (占道促销) in 兴泰街道 goes to 综合行政执法局, with the street office co-handling', () => {
    const decision = route(compiled, story('street-vending'));
    expect(decision).toMatchObject({
      lead: 'city-management',
      coHandlers: ['xingtai-street'],
      ruleId: 'r-principle',
      rulesVersion: 1,
    });
    expect(decision.explanation).toContain(
      '类别「占道经营」的业务主管单位为综合行政执法局，由其牵头（规则 r-principle，业务主管）',
    );
    expect(decision.explanation).toContain('属地兴泰街道，由兴泰街道办事处协办');
  });

  it('a funeral-policy question (殡葬改革) routes to 民政局, the owner of funeral reform', () => {
    const funeral = story('funeral-reform');
    expect(funeral.resolvedOnSpot).toBeDefined();
    expect(route(compiled, funeral)).toMatchObject({
      lead: 'civil-affairs',
      coHandlers: ['xingtai-street'],
      decidedBy: 'rule',
    });
  });

  it('the mountain-road dispute in 马革闹村 of 七舍镇 is led by 司法局 with 七舍镇人民政府 co-handling', () => {
    const road = story('neighbour-dispute');
    expect(road.locality).toBe('qishe-magenao-xiaojiazhai');
    const decision = route(compiled, road);
    expect(decision).toMatchObject({
      lead: 'justice-bureau',
      coHandlers: ['qishe-town'],
      ruleId: 'r-magenao-disputes',
    });
    expect(decision.candidates).toEqual([
      { ruleId: 'r-magenao-disputes', tier: 'category+locality' },
      { ruleId: 'r-disputes', tier: 'category' },
      { ruleId: 'r-qishe', tier: 'locality' },
      { ruleId: 'r-conflict-risk', tier: 'kind' },
      { ruleId: 'r-principle', tier: 'default' },
    ]);
    expect(decision.explanation).toContain('肖家寨组属七舍镇管辖，由七舍镇人民政府协办');
  });
});

describe('the demo rule set shows every precedence level', () => {
  const decide = (input: RoutingInput) => route(compiled, input);

  it.each<[string, RoutingInput, string, string[], string]>([
    [
      'category: disputes elsewhere are mediated where they arise',
      { category: 'neighbour-dispute', locality: 'sajin-jinzhou', kind: 'conflict_risk' },
      'sajin-street',
      ['justice-bureau'],
      'r-disputes',
    ],
    [
      'category+kind: arrears that risk conflict bring in the police',
      { category: 'wage-arrears', locality: 'fengdu', kind: 'conflict_risk' },
      'hrss',
      ['public-security', 'fengdu-street'],
      'r-wage-arrears-risk',
    ],
    [
      'locality: in 七舍镇 the town government leads',
      { category: 'funeral-reform', locality: 'qishe-geshang', kind: 'problem_clue' },
      'qishe-town',
      ['civil-affairs'],
      'r-qishe',
    ],
    [
      'kind: a conflict risk adds 信访局',
      { category: 'land-use', locality: 'maling', kind: 'conflict_risk' },
      'natural-resources',
      ['maling-town', 'letters-visits'],
      'r-conflict-risk',
    ],
    [
      'default: 业务主管、属地管理 as a rule',
      { category: 'school-safety', locality: 'huangcao', kind: 'problem_clue' },
      'education',
      ['huangcao-street'],
      'r-principle',
    ],
  ])('%s', (_rule, input, lead, coHandlers, ruleId) => {
    expect(decide(input)).toMatchObject({ lead, coHandlers, ruleId, decidedBy: 'rule' });
  });

  it('the category without owner falls through the default rule to the street office, or to triage at city level', () => {
    expect(decide({ category: 'other', locality: 'xingtai-xinglong', kind: 'hardship' })).toMatchObject({
      lead: 'xingtai-street',
      decidedBy: 'locality_default',
    });
    expect(decide({ category: 'other', locality: 'xingyi', kind: 'hardship' })).toMatchObject({
      lead: null,
      decidedBy: 'triage',
    });
  });

  it('every demo unit, locality and category is unique, and every locality’s parent is listed before it', () => {
    const codes = xingyiDemo.localities.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(xingyiDemo.units.map((u) => u.id)).size).toBe(xingyiDemo.units.length);
    expect(new Set(xingyiDemo.categories.map((c) => c.code)).size).toBe(xingyiDemo.categories.length);
    xingyiDemo.localities.forEach((l, i) => {
      if (l.parentCode) expect(codes.indexOf(l.parentCode)).toBeLessThan(i);
    });
    expect(xingyiDemo.categories.filter((c) => !c.businessOwnerUnitId).map((c) => c.code)).toEqual(['other']);
  });
});
