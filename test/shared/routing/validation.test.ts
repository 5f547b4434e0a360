// DOMAIN.md "Routing", rule 2: a rule set is checked when it is published — ties and unknown
// references are errors then, never at routing time — and every offending rule is named.
import { describe, expect, it } from 'vitest';
import { xingyiReference, xingyiRules } from '../../../scripts/lib/demo/xingyi';
import { compileRuleSet, RuleSetInvalidError, validateRuleSet } from '../../../shared/routing';
import type { RoutingRule, RuleProblem } from '../../../shared/routing/types';

const problemsOf = (rules: RoutingRule[]) => validateRuleSet(rules, xingyiReference);
const namedRules = (problems: RuleProblem[]) => [...new Set(problems.map((p) => p.ruleId))].sort();

function compileError(rules: RoutingRule[]): RuleSetInvalidError {
  try {
    compileRuleSet(rules, xingyiReference, 2);
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error;
    throw error;
  }
  throw new Error('compileRuleSet accepted an invalid rule set');
}

describe('ties are rejected when the rule set is published', () => {
  it('two rules with the same category and locality tie, and both are named', () => {
    const problems = problemsOf([
      { id: 'a', category: 'neighbour-dispute', locality: 'qishe', lead: 'justice-bureau' },
      { id: 'ok', category: 'neighbour-dispute', lead: 'locality' },
      { id: 'b', category: 'neighbour-dispute', locality: 'qishe', lead: 'qishe-town' },
    ]);
    expect(namedRules(problems)).toEqual(['a', 'b']);
    expect(problems.find((p) => p.ruleId === 'a')?.message).toMatch(
      /^ties with rule b: each matches category neighbour-dispute, locality qishe/,
    );
  });

  it('a three-way tie names all three rules, each with its rivals', () => {
    const problems = problemsOf([
      { id: 'k1', kind: 'hardship', lead: 'office' },
      { id: 'k2', kind: 'hardship', lead: 'civil-affairs' },
      { id: 'k3', kind: 'hardship', lead: 'letters-visits' },
    ]);
    expect(problems.map((p) => [p.ruleId, p.message.slice(0, p.message.indexOf(':'))])).toEqual([
      ['k1', 'ties with rule k2, k3'],
      ['k2', 'ties with rule k1, k3'],
      ['k3', 'ties with rule k1, k2'],
    ]);
  });

  it('two default rules tie', () => {
    expect(
      namedRules(
        problemsOf([
          { id: 'd1', lead: 'office' },
          { id: 'd2', lead: 'business_owner' },
        ]),
      ),
    ).toEqual(['d1', 'd2']);
  });

  it('rules that differ in kind, locality depth or a matcher are ordered, not tied', () => {
    const rules: RoutingRule[] = [
      { id: 'town', category: 'neighbour-dispute', locality: 'qishe', lead: 'qishe-town' },
      { id: 'village', category: 'neighbour-dispute', locality: 'qishe-magenao', lead: 'justice-bureau' },
      {
        id: 'town-risk',
        category: 'neighbour-dispute',
        locality: 'qishe',
        kind: 'conflict_risk',
        lead: 'letters-visits',
      },
      { id: 'other-town', category: 'neighbour-dispute', locality: 'maling', lead: 'maling-town' },
      { id: 'category', category: 'neighbour-dispute', lead: 'locality' },
      { id: 'default', lead: 'business_owner' },
    ];
    expect(problemsOf(rules)).toEqual([]);
  });

  it('compileRuleSet throws RuleSetInvalidError carrying every problem', () => {
    const error = compileError([
      { id: 'a', locality: 'sajin', lead: 'sajin-street' },
      { id: 'b', locality: 'sajin', lead: 'office' },
    ]);
    expect(error.name).toBe('RuleSetInvalidError');
    expect(namedRules(error.problems)).toEqual(['a', 'b']);
    expect(error.message).toContain('ties with rule b');
  });
});

describe('unknown references and malformed rules are rejected, each naming its rule', () => {
  it.each<[string, RoutingRule, string]>([
    [
      'category',
      { id: 'r', category: 'street-vendng', lead: 'office' },
      'category street-vendng is not a known category',
    ],
    ['locality', { id: 'r', locality: 'atlantis', lead: 'office' }, 'locality atlantis is not a known locality'],
    ['lead unit', { id: 'r', lead: 'mayor' }, 'lead mayor is not a known unit (nor business_owner or locality)'],
    [
      'co-handler unit',
      { id: 'r', lead: 'office', coHandlers: ['locality', 'mayor'] },
      'co-handler mayor is not a known unit (nor business_owner or locality)',
    ],
    [
      'kind',
      { id: 'r', kind: 'complaint' as never, lead: 'office' },
      'kind complaint is not one of problem_clue, suggestion, conflict_risk, hardship',
    ],
    ['id', { id: ' ', lead: 'office' }, 'a rule needs a non-empty id'],
  ])('an unknown or empty %s', (_what, rule, message) => {
    expect(problemsOf([rule])).toEqual([{ ruleId: rule.id, message }]);
  });

  it('a duplicate rule id names every rule that uses it', () => {
    const problems = problemsOf([
      { id: 'same', category: 'funeral-reform', lead: 'business_owner' },
      { id: 'same', category: 'street-vending', lead: 'business_owner' },
    ]);
    expect(problems).toEqual([
      { ruleId: 'same', message: 'rule id same is used by 2 rules; ids must be unique' },
      { ruleId: 'same', message: 'rule id same is used by 2 rules; ids must be unique' },
    ]);
  });

  it('lists the problems of every bad rule in one answer, in rule order', () => {
    const problems = problemsOf([
      { id: 'fine', lead: 'business_owner' },
      { id: 'bad-category', category: 'nope', lead: 'office' },
      { id: 'bad-both', locality: 'nowhere', lead: 'nobody' },
    ]);
    expect(problems.map((p) => p.ruleId)).toEqual(['bad-category', 'bad-both', 'bad-both']);
  });

  it('accepts a handler that may resolve to nothing for some cases: it falls through at routing time', () => {
    const rules: RoutingRule[] = [
      { id: 'unowned', category: 'other', lead: 'business_owner', coHandlers: ['business_owner'] },
      { id: 'city', locality: 'xingyi', lead: 'locality' },
    ];
    expect(problemsOf(rules)).toEqual([]);
  });

  it('treats a matcher given as null (JSON from storage) as absent', () => {
    const fromJson = JSON.parse(
      '[{"id":"r","category":null,"locality":null,"kind":null,"lead":"office"}]',
    ) as RoutingRule[];
    expect(problemsOf(fromJson)).toEqual([]);
    expect(compileRuleSet(fromJson, xingyiReference, 1).rules[0]?.tier).toBe('default');
  });

  it('the demo rule set is valid', () => {
    expect(problemsOf(xingyiRules)).toEqual([]);
  });
});
