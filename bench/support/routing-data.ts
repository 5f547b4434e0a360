// The bench's routing data, seeded so every run benches the same: 10,000 rules over 300 categories
// and a locality tree six levels deep with 4,009 nodes, and 5,000 cases, most of them deep in the tree;
// and as many more random cases as a timed pass needs.
import type {
  CaseKind,
  HandlerSpec,
  RoutingInput,
  RoutingLocality,
  RoutingReference,
  RoutingRule,
} from '../../shared/routing/types';
import { seededRandom as random } from '../../shared/supervision/sampling';

const RULES = 10_000;
export const BRANCHING = [8, 4, 4, 3, 3, 2]; // children per node at each level: depth 6, 4,009 localities
const CATEGORIES = 300;
const DEPARTMENTS = 60;
const INPUTS = 5_000;
const KINDS: CaseKind[] = ['problem_clue', 'suggestion', 'conflict_risk', 'hardship'];

export function buildBenchData(seed = 20220509): {
  reference: RoutingReference;
  rules: RoutingRule[];
  inputs: RoutingInput[];
} {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

  const units = Array.from({ length: DEPARTMENTS }, (_, i) => ({
    id: `dept-${i}`,
    name: `部门${i}`,
    kind: 'department' as const,
  }));
  const localities: RoutingLocality[] = [{ code: 'city', name: '市', parentCode: null }];
  let level = ['city'];
  BRANCHING.forEach((children, depth) => {
    const next: string[] = [];
    for (const parent of level) {
      for (let i = 0; i < children; i++) {
        const code = `${parent}.${i}`;
        // Towns (depth 1) and a third of the villages (depth 2) have a governing unit.
        const governed = depth === 0 || (depth === 1 && rand() < 1 / 3);
        if (governed) units.push({ id: `gov-${code}`, name: `政府${code}`, kind: 'department' });
        localities.push({
          code,
          name: `地${code}`,
          parentCode: parent,
          governingUnitId: governed ? `gov-${code}` : null,
        });
        next.push(code);
      }
    }
    level = next;
  });
  const categories = Array.from({ length: CATEGORIES }, (_, i) => ({
    code: `cat-${i}`,
    name: `类别${i}`,
    businessOwnerUnitId: i % 5 === 4 ? null : `dept-${i % DEPARTMENTS}`,
  }));
  const localityCodes = localities.map((l) => l.code);
  const handler = (): HandlerSpec => {
    const r = rand();
    return r < 0.5 ? 'business_owner' : r < 0.75 ? 'locality' : pick(units).id;
  };

  const rules: RoutingRule[] = [];
  const seen = new Set<string>();
  while (rules.length < RULES) {
    const shape = rand();
    const rule: RoutingRule = {
      id: `r${rules.length}`,
      lead: handler(),
      coHandlers: [handler(), handler()].slice(0, Math.floor(rand() * 3)),
    };
    // 70% category+locality, 15% category, ~15% locality subtree, a few kind-only and one default;
    // any of the first three may also name a kind.
    if (shape < 0.85) rule.category = pick(categories).code;
    if (shape < 0.7 || (shape >= 0.85 && shape < 0.998)) rule.locality = pick(localityCodes);
    if ((shape < 0.998 && rand() < 0.3) || (shape >= 0.998 && shape < 0.9995)) rule.kind = pick(KINDS);
    const key = `${rule.category}|${rule.locality}|${rule.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push(rule);
  }

  const reference = { units, localities, categories };
  return { reference, rules, inputs: casesFrom(reference, INPUTS, rand) };
}

/** The share of the timed cases drawn under one of their category's category+locality rules. */
const UNDER_PAIR_RULE = 0.2;

/**
 * `count` cases from their own seed: the timed sets of cases no earlier pass has decided. Most are
 * drawn like the bench's 5,000 (few of those meet a category+locality rule of their category); a
 * fifth are drawn at or below the locality of a category+locality rule, with its category.
 */
export function randomCases(
  reference: RoutingReference,
  rules: readonly RoutingRule[],
  count: number,
  seed: number,
): RoutingInput[] {
  const rand = random(seed);
  const drawn = casesFrom(reference, count, rand);
  const pairRules = rules.filter((r) => r.category != null && r.locality != null);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  return drawn.map((input) => {
    if (rand() >= UNDER_PAIR_RULE) return input;
    const rule = pick(pairRules);
    // Down the tree from the rule's locality, a child at random per level, mostly to the bottom.
    let locality = rule.locality!;
    for (let depth = locality.split('.').length - 1; depth < BRANCHING.length && rand() < 0.9; depth++)
      locality = `${locality}.${Math.floor(rand() * BRANCHING[depth]!)}`;
    return { category: rule.category!, locality, kind: input.kind };
  });
}

function casesFrom(reference: RoutingReference, count: number, rand: () => number): RoutingInput[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const codes = reference.localities.map((l) => l.code);
  const deep = codes.filter((code) => code.split('.').length > 4);
  return Array.from({ length: count }, (): RoutingInput => ({
    category: pick(reference.categories).code,
    locality: rand() < 0.8 ? pick(deep) : pick(codes),
    kind: pick(KINDS),
  }));
}
