// DOMAIN.md "Routing", rule 1: routing is a pure, deterministic function of the case and the published
// rule set. The compiled index must also agree, case for case, with a plain scan over every rule.
import { describe, expect, it } from 'vitest';
import { createLinearScanRouter } from '../../../bench/linear-scan-router';
import { xingyiDemo, xingyiReference } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, route } from '../../../shared/routing';
import type { CaseKind, HandlerSpec, RoutingInput, RoutingRule } from '../../../shared/routing/types';
import { seededRandom as random } from '../../../shared/supervision/sampling';

const KINDS: CaseKind[] = ['problem_clue', 'suggestion', 'conflict_risk', 'hardship'];
const categories = xingyiReference.categories.map((c) => c.code);
const localities = xingyiReference.localities.map((l) => l.code);
const units = xingyiReference.units.map((u) => u.id);

/** Every (category, locality, kind) the demo data allows: 13 × 13 × 4 cases. */
const everyCase: RoutingInput[] = categories.flatMap((category) =>
  localities.flatMap((locality) => KINDS.map((kind) => ({ category, locality, kind }))),
);

function randomRules(seed: number, count: number): RoutingRule[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const handler = (): HandlerSpec => pick<HandlerSpec>(['business_owner', 'locality', pick(units)]);
  const rules: RoutingRule[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; rules.length < count && attempt < count * 20; attempt++) {
    const rule: RoutingRule = {
      id: `r${rules.length}`,
      lead: handler(),
      coHandlers: [handler(), handler(), handler()].slice(0, Math.floor(rand() * 4)),
    };
    if (rand() < 0.5) rule.category = pick(categories);
    if (rand() < 0.5) rule.locality = pick(localities);
    if (rand() < 0.4) rule.kind = pick(KINDS);
    const key = `${rule.category}|${rule.locality}|${rule.kind}`;
    if (!seen.has(key)) {
      seen.add(key);
      rules.push(rule);
    }
  }
  return rules;
}

describe('routing is deterministic', () => {
  const compiled = compileRuleSet(xingyiDemo.rules, xingyiReference, 1);

  it('the same case routed twice gives the same decision, and routing leaves the compiled set untouched', () => {
    const before = JSON.stringify([...compiled.index.entries()]);
    const first = everyCase.map((input) => route(compiled, input));
    const second = everyCase.map((input) => route(compiled, input));
    expect(second).toEqual(first);
    expect(JSON.stringify([...compiled.index.entries()])).toBe(before);
  });

  it('the order rules are published in does not change any decision', () => {
    const reversed = compileRuleSet([...xingyiDemo.rules].reverse(), xingyiReference, 1);
    for (const input of everyCase) expect(route(reversed, input)).toEqual(route(compiled, input));
  });

  it('priority is carried but does not change the decision', () => {
    for (const input of everyCase.slice(0, 50)) {
      expect(route(compiled, { ...input, priority: 'urgent' })).toEqual(
        route(compiled, { ...input, priority: 'normal' }),
      );
    }
  });
});

describe('the compiled index agrees with a scan over every rule', () => {
  it.each([1, 2, 3, 4, 5])('on a random tie-free rule set (seed %i), for every demo case', (seed) => {
    const rules = randomRules(seed, 150);
    const compiled = compileRuleSet(rules, xingyiReference, seed);
    const linear = createLinearScanRouter(rules, xingyiReference, seed);
    const decidedBy = new Set<string>();
    for (const input of everyCase) {
      const decision = route(compiled, input);
      decidedBy.add(decision.decidedBy);
      expect(decision).toEqual(linear.route(input));
    }
    expect(decidedBy.has('rule')).toBe(true);
  });
});
