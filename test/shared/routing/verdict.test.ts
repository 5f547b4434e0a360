// The decision alone (`verdict`, which builds no explanation) is the decision `route` gives minus its
// explanation, case for case: on the seed stories, on every demo case, on generated rule sets over the
// demo reference data and on the bench's 10,000 generated rules. The explanation is built on demand
// (`explain`) and is the one `route` stores with a case.
import { describe, expect, it } from 'vitest';
import { buildBenchData } from '../../../bench/support/routing-data';
import { createLinearScanRouter } from '../../../bench/linear-scan-router';
import { xingyiDemo, xingyiReference, xingyiStories } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, explain, route, verdict, verdictOf, type CompiledRuleSet } from '../../../shared/routing';
import type { CaseKind, HandlerSpec, RoutingInput, RoutingReference, RoutingRule } from '../../../shared/routing/types';
import { seededRandom as random } from '../../../shared/supervision/sampling';

const KINDS: CaseKind[] = ['problem_clue', 'suggestion', 'conflict_risk', 'hardship'];

const everyCase = (reference: RoutingReference): RoutingInput[] =>
  reference.categories.flatMap(({ code: category }) =>
    reference.localities.flatMap(({ code: locality }) => KINDS.map((kind) => ({ category, locality, kind }))),
  );

function generatedRules(seed: number, count: number): RoutingRule[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const units = xingyiReference.units.map((u) => u.id);
  const handler = (): HandlerSpec => pick<HandlerSpec>(['business_owner', 'locality', pick(units)]);
  const rules: RoutingRule[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; rules.length < count && attempt < count * 20; attempt++) {
    const rule: RoutingRule = { id: `g${rules.length}`, lead: handler(), coHandlers: [handler(), handler()] };
    if (rand() < 0.5) rule.category = pick(xingyiReference.categories).code;
    if (rand() < 0.5) rule.locality = pick(xingyiReference.localities).code;
    if (rand() < 0.4) rule.kind = pick(KINDS);
    const key = `${rule.category}|${rule.locality}|${rule.kind}`;
    // No default or kind-only rule, so that some cases fall back to 业务主管、属地管理.
    const isDefault = rule.category === undefined && rule.locality === undefined;
    if (!isDefault && !seen.has(key)) {
      seen.add(key);
      rules.push(rule);
    }
  }
  return rules;
}

/** Checks one case both ways and says how it was decided. */
function expectSameDecision(compiled: CompiledRuleSet, input: RoutingInput): string {
  const { explanation, ...decision } = route(compiled, input);
  expect(verdict(compiled, input)).toEqual(decision);
  expect(explain(compiled, input)).toEqual(explanation);
  return decision.decidedBy;
}

describe('the decision without explanation equals the decision with it, minus the explanation', () => {
  const demo = compileRuleSet(xingyiDemo.rules, xingyiReference, xingyiDemo.rulesVersion);

  it('for the seed stories', () => {
    for (const story of xingyiStories) expectSameDecision(demo, story);
    expect(verdict(demo, xingyiStories[0]!)).toMatchObject({ lead: 'civil-affairs', decidedBy: 'rule' });
  });

  it('for every demo case, and for cases the reference data does not know (triage)', () => {
    for (const input of everyCase(xingyiReference)) expectSameDecision(demo, input);
    const unknown = { category: 'no-such-category', locality: 'no-such-place', kind: 'hardship' } as const;
    expect(expectSameDecision(demo, unknown)).toBe('triage');
    expect(explain(demo, unknown)).toContain('类别代码 no-such-category 不存在');
  });

  it.each([11, 12, 14])('for every demo case under a generated rule set (seed %i), as the linear scan', (seed) => {
    const rules = generatedRules(seed, 60);
    const compiled = compileRuleSet(rules, xingyiReference, seed);
    // `route` finds its rules with the same index as `verdict`: the linear scan finds them its own way.
    const linear = createLinearScanRouter(rules, xingyiReference, seed);
    const decidedBy = new Set(
      everyCase(xingyiReference).map((input) => {
        expect(verdict(compiled, input)).toEqual(verdictOf(linear.compiled, input, linear.candidates(input)));
        return expectSameDecision(compiled, input);
      }),
    );
    // Both a rule and a fallback decided some of them, so both paths were compared.
    expect(decidedBy.has('rule') && decidedBy.size > 1).toBe(true);
  });

  it("for the bench's 10,000 generated rules, also against the linear scan's matches", () => {
    const { reference, rules, inputs } = buildBenchData(7);
    const compiled = compileRuleSet(rules, reference, 3);
    const linear = createLinearScanRouter(rules, reference, 3);
    for (const input of inputs.slice(0, 1500)) {
      expectSameDecision(compiled, input);
      expect(verdict(compiled, input)).toEqual(verdictOf(linear.compiled, input, linear.candidates(input)));
    }
  });
});

describe('a verdict is built for each call from the index alone, a routed decision is the caller’s own', () => {
  const demo = compileRuleSet(xingyiDemo.rules, xingyiReference, 1);
  const road = xingyiStories.find((s) => s.category === 'neighbour-dispute')!;

  it('the same case gets an equal verdict each time, whose shared candidate entries are frozen', () => {
    const first = verdict(demo, road);
    const again = verdict(demo, { ...road });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(again.candidates[0]).toBe(first.candidates[0]);
    expect(first.candidates.every((candidate) => Object.isFrozen(candidate))).toBe(true);
    expect(() => Object.assign(first.candidates[0]!, { ruleId: 'changed' })).toThrow(TypeError);
  });

  it('a case with a category+locality rule above it and one without, in turn, each get their own', () => {
    // Deciding reuses one scratch buffer of rule positions: interleaving two different cases shows
    // that neither decision keeps a part of the other's.
    const { reference, rules, inputs } = buildBenchData(5);
    const compiled = compileRuleSet(rules, reference, 2);
    const linear = createLinearScanRouter(rules, reference, 2);
    const expected = (input: RoutingInput) => verdictOf(linear.compiled, input, linear.candidates(input));
    const withPair = inputs.find((i) => expected(i).candidates.some((c) => c.tier.startsWith('category+locality')))!;
    const without = inputs.find((i) => !expected(i).candidates.some((c) => c.tier.startsWith('category+locality')))!;
    const [a, b] = [verdict(compiled, withPair), verdict(compiled, without)];
    expect([a, b]).toEqual([expected(withPair), expected(without)]);
  });

  it('changing a routed decision changes neither the next decision nor the verdict', () => {
    const decision = route(demo, road);
    decision.coHandlers.push('someone');
    decision.candidates.pop();
    expect(route(demo, road).coHandlers).toEqual(['qishe-town']);
    expect(verdict(demo, road).candidates).toHaveLength(5);
  });

  it('cases matching the same rules under different business owners get their own owners', () => {
    const locality = 'huangcao';
    const owned = verdict(demo, { category: 'school-safety', locality, kind: 'problem_clue' });
    const unowned = verdict(demo, { category: 'other', locality, kind: 'problem_clue' });
    expect(owned.candidates).toEqual(unowned.candidates);
    expect(owned.lead).toBe('education');
    expect(unowned).toMatchObject({ lead: 'huangcao-street', decidedBy: 'locality_default' });
  });
});

describe('the index follows the locality tree as built, cycles cut', () => {
  it('decides like the linear scan on a tree whose rows hold a cycle', () => {
    // 甲 → 乙 → 丙 → 甲: each chain stops where it closes, so each of the three is "above" the others.
    const reference: RoutingReference = {
      units: [{ id: 'u1', name: '单位一', kind: 'department' }],
      categories: [
        { code: 'c1', name: '类一', businessOwnerUnitId: null },
        { code: 'c2', name: '类二', businessOwnerUnitId: 'u1' },
      ],
      localities: [
        { code: 'a', name: '甲', parentCode: 'c' },
        { code: 'b', name: '乙', parentCode: 'a', governingUnitId: 'u1' },
        { code: 'c', name: '丙', parentCode: 'b' },
      ],
    };
    const rules: RoutingRule[] = [
      { id: 'pair', category: 'c1', locality: 'b', lead: 'locality', coHandlers: ['business_owner'] },
      { id: 'subtree', locality: 'c', kind: 'hardship', lead: 'u1' },
    ];
    const compiled = compileRuleSet(rules, reference, 1);
    const linear = createLinearScanRouter(rules, reference, 1);
    for (const input of everyCase(reference)) {
      expectSameDecision(compiled, input);
      expect(verdict(compiled, input)).toEqual(verdictOf(linear.compiled, input, linear.candidates(input)));
    }
  });
});
