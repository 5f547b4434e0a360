// Reference data (issue 4): units, localities, categories with versioned policies, versioned rule
// sets and hashed tokens, each with keyset-paged lists for the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCategory,
  getCategory,
  listCategories,
  listCategoryPolicies,
  loadCategoryPolicy,
  loadCategoryPolicyVersion,
  updateCategory,
} from '../../shared/db/categories';
import { createLocality, listLocalities, localitySubtree, updateLocality } from '../../shared/db/localities';
import { InvalidCursorError } from '../../shared/db/pagination';
import { DuplicateKeyError, HierarchyCycleError, UnknownReferenceError } from '../../shared/db/reference-errors';
import { listRuleSets, loadPublishedRules, loadRuleSet, publishRules } from '../../shared/db/rules';
import type { Sql } from '../../shared/db/sql';
import { createToken, findPrincipal, hashToken, listTokens, revokeToken } from '../../shared/db/tokens';
import { createUnit, getUnit, listUnits, updateUnit, upsertUnit } from '../../shared/db/units';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('reference data', () => {
  let db: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe('units', () => {
    it('keep their hierarchy, leader and webhook, and a PATCH changes only what it names', async () => {
      await createUnit(sql, { id: 'leadership', name: '领导小组', kind: 'leadership' });
      await createUnit(sql, {
        id: 'office',
        name: '活动办',
        kind: 'office',
        parentId: 'leadership',
        leaderName: '王主任',
        leaderContact: '0859-1234567',
        webhookUrl: 'https://hooks.example/office',
      });
      const patched = await updateUnit(sql, 'office', { leaderName: '李主任', webhookUrl: null });
      expect(patched).toMatchObject({
        id: 'office',
        parentId: 'leadership',
        leaderName: '李主任',
        leaderContact: '0859-1234567',
        webhookUrl: null,
      });
      expect(await updateUnit(sql, 'nobody', { name: 'x' })).toBeNull();
    });

    it('refuse a duplicate id, an unknown parent and a parent that would make a cycle', async () => {
      await expect(createUnit(sql, { id: 'office', name: '又一个', kind: 'office' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await expect(
        createUnit(sql, { id: 'orphan', name: '孤儿', kind: 'department', parentId: 'nowhere' }),
      ).rejects.toMatchObject({ field: 'parentId', value: 'nowhere' });
      await expect(updateUnit(sql, 'leadership', { parentId: 'office' })).rejects.toBeInstanceOf(HierarchyCycleError);
      await expect(updateUnit(sql, 'office', { parentId: 'office' })).rejects.toBeInstanceOf(HierarchyCycleError);
    });

    it('seed idempotently, keeping fields the seed leaves out', async () => {
      await upsertUnit(sql, { id: 'office', name: '大走访活动办', kind: 'office', parentId: 'leadership' });
      expect(await getUnit(sql, 'office')).toMatchObject({ name: '大走访活动办', leaderName: '李主任' });
    });

    it('list by id in keyset pages that neither skip nor repeat', async () => {
      for (let i = 0; i < 23; i++)
        await upsertUnit(sql, { id: `dept-${String(i).padStart(2, '0')}`, name: `部门${i}`, kind: 'department' });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listUnits(sql, { limit: 5, cursor });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...seen].sort());
      expect(seen).toHaveLength(25);
      expect((await listUnits(sql, { kind: 'office' })).items.map((u) => u.id)).toEqual(['office']);
      await expect(listUnits(sql, { cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe('localities', () => {
    it('form a tree whose subtree is the locality and everything below it', async () => {
      await createLocality(sql, { code: 'city', name: '兴义市' });
      await createLocality(sql, { code: 'town', name: '七舍镇', parentCode: 'city', governingUnitId: 'office' });
      await createLocality(sql, { code: 'village', name: '马革闹村', parentCode: 'town' });
      await createLocality(sql, { code: 'street', name: '兴泰街道', parentCode: 'city' });
      expect(await localitySubtree(sql, 'town')).toEqual(['town', 'village']);
      expect(await localitySubtree(sql, 'city')).toEqual(['city', 'street', 'town', 'village']);
      expect((await listLocalities(sql, { parentCode: 'city' })).items.map((l) => l.code)).toEqual(['street', 'town']);
      expect((await listLocalities(sql, { parentCode: null })).items.map((l) => l.code)).toEqual(['city']);
    });

    it('refuse an unknown governing unit and a parent below themselves', async () => {
      await expect(createLocality(sql, { code: 'x', name: 'x', governingUnitId: 'ghost' })).rejects.toBeInstanceOf(
        UnknownReferenceError,
      );
      await expect(updateLocality(sql, 'town', { parentCode: 'village' })).rejects.toBeInstanceOf(HierarchyCycleError);
      expect(await updateLocality(sql, 'village', { parentCode: 'street' })).toMatchObject({ parentCode: 'street' });
    });
  });

  describe('categories', () => {
    it('start at policy version 1 with the documented defaults filled in', async () => {
      const created = await createCategory(sql, {
        code: 'street-vending',
        name: '占道经营',
        businessOwnerUnitId: 'office',
        policy: { reportEvery: 'P14D' },
      });
      expect(created).toMatchObject({ policyVersion: 1, policy: { ...DEFAULT_POLICY, reportEvery: 'P14D' } });
      await expect(createCategory(sql, { code: 'street-vending', name: '重复' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    });

    it('make a new policy version on a PATCH of the policy, while a case keeps the version it pinned', async () => {
      const pinned = await loadCategoryPolicy(sql, 'street-vending');
      const patched = await updateCategory(sql, 'street-vending', { policy: { resolveWithin: 'P15D' } });
      expect(patched).toMatchObject({ policyVersion: 2, policy: { reportEvery: 'P14D', resolveWithin: 'P15D' } });
      expect(await loadCategoryPolicyVersion(sql, 'street-vending', pinned!.version)).toEqual(pinned);
      expect((await listCategoryPolicies(sql, 'street-vending')).map((p) => p.version)).toEqual([2, 1]);
    });

    it('make no new version for a PATCH that leaves the policy as it is, or changes only the name', async () => {
      await updateCategory(sql, 'street-vending', { policy: { resolveWithin: 'P15D' } });
      await updateCategory(sql, 'street-vending', { name: '占道经营管理' });
      expect(await getCategory(sql, 'street-vending')).toMatchObject({ name: '占道经营管理', policyVersion: 2 });
      expect(await updateCategory(sql, 'nothing', { name: 'x' })).toBeNull();
    });

    it('give concurrent policy changes consecutive versions', async () => {
      await Promise.all(
        ['P1D', 'P2D', 'P3D', 'P4D'].map((d) => updateCategory(sql, 'street-vending', { policy: { acceptWithin: d } })),
      );
      expect((await listCategoryPolicies(sql, 'street-vending')).map((p) => p.version)).toEqual([6, 5, 4, 3, 2, 1]);
      expect((await listCategories(sql)).items.map((c) => c.code)).toEqual(['street-vending']);
    });
  });

  describe('routing rule sets', () => {
    it('publish as consecutive versions, the highest in force, every earlier one kept', async () => {
      expect(await loadPublishedRules(sql)).toMatchObject({ version: 0, rules: [] });
      const rules = [{ id: 'r1', category: 'street-vending', lead: 'business_owner' as const }];
      const versions = await Promise.all([
        publishRules(sql, rules, 'a'),
        publishRules(sql, [], 'b'),
        publishRules(sql, rules, 'c'),
      ]);
      expect(versions.sort()).toEqual([1, 2, 3]);
      expect((await loadPublishedRules(sql)).version).toBe(3);
      expect(await loadRuleSet(sql, 1)).toMatchObject({ version: 1 });
      const page = await listRuleSets(sql, { limit: 2 });
      expect(page.items.map((r) => r.version)).toEqual([3, 2]);
      expect((await listRuleSets(sql, { cursor: page.nextCursor })).items.map((r) => r.version)).toEqual([1]);
    });
  });

  describe('API tokens', () => {
    it('are stored as digests only, listed without them, and revoked at once', async () => {
      const { id, token } = await createToken(sql, { name: '活动办', role: 'office' });
      const [stored] = await sql<{ token_hash: string }[]>`SELECT token_hash FROM api_tokens WHERE id = ${id}`;
      expect(stored!.token_hash).toBe(hashToken(token));
      expect(stored!.token_hash).not.toContain(token);
      expect(await findPrincipal(sql, token)).toMatchObject({ tokenId: id, role: 'office' });

      const listed = await listTokens(sql);
      expect(listed.items.find((t) => t.id === id)).toMatchObject({ name: '活动办', revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(stored!.token_hash);

      expect(await revokeToken(sql, id)).toBe(true);
      expect(await findPrincipal(sql, token)).toBeNull();
      expect(await revokeToken(sql, 'not-a-token-id')).toBe(false);
    });

    it('list in creation order, page by page', async () => {
      for (let i = 0; i < 7; i++) await createToken(sql, { name: `t${i}`, role: 'visitor' });
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listTokens(sql, { limit: 3, cursor });
        names.push(...page.items.map((t) => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names.filter((n) => /^t\d$/.test(n))).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
    });
  });
});
