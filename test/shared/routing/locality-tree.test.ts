// DOMAIN.md "Routing": a locality rule covers its whole subtree, deeper beats shallower, and
// `locality` resolves to the governing unit of the nearest locality up the tree that has one — at
// any depth, not only city → township → village.
import { describe, expect, it } from 'vitest';
import { buildLocalityTree, compileRuleSet, isWithin, route } from '../../../shared/routing';
import type { RoutingLocality, RoutingReference, RoutingRule } from '../../../shared/routing/types';

/** A chain city → l1 → … → l8 (depth 8) with a sibling branch at every level; l2 is governed by town-2. */
function deepReference(): RoutingReference {
  const localities: RoutingLocality[] = [{ code: 'l0', name: '市', parentCode: null }];
  for (let depth = 1; depth <= 8; depth++) {
    localities.push({
      code: `l${depth}`,
      name: `第${depth}级`,
      parentCode: `l${depth - 1}`,
      governingUnitId: depth === 2 ? 'town-2' : null,
    });
    localities.push({
      code: `side${depth}`,
      name: `旁${depth}`,
      parentCode: `l${depth - 1}`,
      governingUnitId: depth === 5 ? 'town-5' : null,
    });
  }
  return {
    units: [
      { id: 'town-2', name: '二级政府', kind: 'township' },
      { id: 'town-5', name: '五级政府', kind: 'township' },
      { id: 'dept', name: '主管部门', kind: 'department' },
      ...Array.from({ length: 9 }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, kind: 'department' as const })),
    ],
    localities,
    categories: [
      { code: 'cat', name: '类别', businessOwnerUnitId: 'dept' },
      { code: 'free', name: '无主', businessOwnerUnitId: null },
    ],
  };
}

describe('the locality tree', () => {
  const tree = buildLocalityTree(deepReference().localities);

  it('knows each locality’s depth and its ancestors, nearest first, at depth 8', () => {
    expect(tree.get('l8')).toMatchObject({ depth: 8, chain: ['l8', 'l7', 'l6', 'l5', 'l4', 'l3', 'l2', 'l1', 'l0'] });
    expect(isWithin(tree, 'l8', 'l3')).toBe(true);
    expect(isWithin(tree, 'l3', 'l8')).toBe(false);
    expect(isWithin(tree, 'side6', 'l6')).toBe(false);
  });

  it('finds the nearest governing unit by walking up, and none above an ungoverned root', () => {
    expect(tree.get('l8')?.governing).toEqual({ unitId: 'town-2', localityCode: 'l2' });
    expect(tree.get('side5')?.governing).toEqual({ unitId: 'town-5', localityCode: 'side5' });
    expect(tree.get('l1')?.governing).toBeNull();
  });

  it('makes a locality with an unknown parent a root and cuts a cycle instead of looping', () => {
    const odd = buildLocalityTree([
      { code: 'orphan', name: '孤', parentCode: 'missing' },
      { code: 'a', name: '甲', parentCode: 'b', governingUnitId: 'u-a' },
      { code: 'b', name: '乙', parentCode: 'a' },
    ]);
    expect(odd.get('orphan')).toMatchObject({ depth: 0, chain: ['orphan'] });
    expect(odd.get('b')).toMatchObject({ chain: ['b', 'a'], governing: { unitId: 'u-a', localityCode: 'a' } });
  });
});

describe('routing in a deep locality tree (depth 8)', () => {
  const reference = deepReference();
  const levelRules: RoutingRule[] = Array.from({ length: 9 }, (_, depth) => ({
    id: `at-l${depth}`,
    locality: `l${depth}`,
    lead: `u${depth}`,
  }));
  const input = { category: 'cat', locality: 'l8', kind: 'hardship' as const };

  it('the deepest matching locality rule wins and every ancestor rule is a candidate, deepest first', () => {
    const decision = route(compileRuleSet(levelRules, reference, 1), input);
    expect(decision).toMatchObject({ ruleId: 'at-l8', lead: 'u8' });
    expect(decision.candidates.map((c) => c.ruleId)).toEqual([
      'at-l8',
      'at-l7',
      'at-l6',
      'at-l5',
      'at-l4',
      'at-l3',
      'at-l2',
      'at-l1',
      'at-l0',
    ]);
  });

  it('a case at depth 6 matches rules at and above it only', () => {
    const decision = route(compileRuleSet(levelRules, reference, 1), { ...input, locality: 'l6' });
    expect(decision.candidates.map((c) => c.ruleId)).toEqual([
      'at-l6',
      'at-l5',
      'at-l4',
      'at-l3',
      'at-l2',
      'at-l1',
      'at-l0',
    ]);
  });

  it('a rule on a sibling branch does not match', () => {
    const decision = route(compileRuleSet([{ id: 'side', locality: 'side7', lead: 'u0' }], reference, 1), input);
    expect(decision).toMatchObject({ ruleId: null, decidedBy: 'business_owner_default', lead: 'dept' });
  });

  it('a locality handler six levels below its government resolves to it', () => {
    const decision = route(
      compileRuleSet(
        [{ id: 'r', category: 'cat', locality: 'l3', lead: 'locality', coHandlers: ['business_owner'] }],
        reference,
        1,
      ),
      input,
    );
    expect(decision).toMatchObject({ lead: 'town-2', coHandlers: ['dept'] });
    expect(decision.explanation).toContain('第8级属第2级管辖，属地管理单位为二级政府，由其牵头（规则 r，属地管理）');
  });

  it('the locality default walks up to the nearest government for a category without owner', () => {
    const decision = route(compileRuleSet([], reference, 1), { ...input, category: 'free' });
    expect(decision).toMatchObject({ lead: 'town-2', decidedBy: 'locality_default' });
    expect(route(compileRuleSet([], reference, 1), { ...input, category: 'free', locality: 'l1' }).decidedBy).toBe(
      'triage',
    );
  });
});
