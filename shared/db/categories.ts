import type { CaseKind } from '../domain/enums';
import { completePolicy, type PinnedPolicy, type Policy, type PolicyInput } from '../domain/policy';
import { canonicalJson } from './event-hash';
import { clampLimit, decodeKeyCursor, toPage, type Page, type PageRequest } from './pagination';
import { DuplicateKeyError, namingMissingReferences } from './reference-errors';
import { transaction, type Db } from './sql';
import { definedColumns } from './units';

export interface Category {
  code: string;
  name: string;
  businessOwnerUnitId: string | null;
  defaultKind: CaseKind | null;
  policyVersion: number;
  /** The policy in force, every field filled with docs/domain.md's defaults. */
  policy: Policy;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewCategory {
  code: string;
  name: string;
  businessOwnerUnitId?: string | null;
  defaultKind?: string | null;
  policy?: PolicyInput;
}

/** A PATCH: `policy` fields are merged into the current policy; any change makes a new version. */
export type CategoryPatch = Partial<Omit<NewCategory, 'code'>>;

export interface CategoryPolicyVersion {
  version: number;
  policy: Policy;
  createdAt: Date;
}

const MISSING = { categories_business_owner_unit_id_fkey: 'businessOwnerUnitId' };

interface CategoryRow extends Omit<Category, 'policy'> {
  policy: PolicyInput;
}

const toCategory = (row: CategoryRow): Category => ({ ...row, policy: completePolicy(row.policy) });

const select = (db: Db) => db`
  SELECT c.code, c.name, c.business_owner_unit_id AS "businessOwnerUnitId", c.default_kind AS "defaultKind",
         c.policy_version AS "policyVersion", p.policy, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
  FROM categories c JOIN category_policies p ON p.category_code = c.code AND p.version = c.policy_version`;

export async function getCategory(db: Db, code: string): Promise<Category | null> {
  const [row] = await db<CategoryRow[]>`${select(db)} WHERE c.code = ${code}`;
  return row ? toCategory(row) : null;
}

export async function listCategories(db: Db, page: PageRequest = {}): Promise<Page<Category>> {
  const limit = clampLimit(page.limit);
  const after = decodeKeyCursor(page.cursor);
  const rows = await db<CategoryRow[]>`
    ${select(db)} WHERE (${after}::text IS NULL OR c.code > ${after}) ORDER BY c.code LIMIT ${limit + 1}`;
  return toPage(rows.map(toCategory), limit, (c) => [c.code]);
}

/** Creates the category with policy version 1, in one transaction. */
export async function createCategory(db: Db, category: NewCategory): Promise<Category> {
  return transaction(db, async (tx) => {
    const inserted = await namingMissingReferences(
      MISSING,
      () => tx`
        INSERT INTO categories (code, name, business_owner_unit_id, default_kind, policy_version)
        VALUES (${category.code}, ${category.name}, ${category.businessOwnerUnitId ?? null},
                ${category.defaultKind ?? null}, 1)
        ON CONFLICT (code) DO NOTHING RETURNING code`,
    );
    if (inserted.length === 0) throw new DuplicateKeyError('category', category.code);
    await tx`
      INSERT INTO category_policies (category_code, version, policy)
      VALUES (${category.code}, 1, ${tx.json(category.policy ?? {})})`;
    return (await getCategory(tx, category.code))!;
  });
}

/** Seeding: creates a category with policy version 1, or leaves an existing one (and its policies) alone. */
export async function ensureCategory(db: Db, category: NewCategory): Promise<void> {
  await transaction(db, async (tx) => {
    await namingMissingReferences(
      MISSING,
      () => tx`
        INSERT INTO categories (code, name, business_owner_unit_id, default_kind, policy_version)
        VALUES (${category.code}, ${category.name}, ${category.businessOwnerUnitId ?? null},
                ${category.defaultKind ?? null}, 1)
        ON CONFLICT (code) DO NOTHING`,
    );
    await tx`
      INSERT INTO category_policies (category_code, version, policy)
      VALUES (${category.code}, 1, ${tx.json(category.policy ?? {})})
      ON CONFLICT DO NOTHING`;
  });
}

/**
 * Applies a PATCH. A policy that differs from the one in force is stored as the next version and
 * becomes current; cases already open keep the version they pinned (docs/domain.md "Routing", point 4).
 */
export async function updateCategory(db: Db, code: string, patch: CategoryPatch): Promise<Category | null> {
  return transaction(db, async (tx) => {
    // Lock first, read after: a join read under FOR UPDATE would recheck only the locked row after
    // waiting and drop the pair once a concurrent PATCH moved policy_version on.
    const [locked] = await tx`SELECT 1 FROM categories WHERE code = ${code} FOR UPDATE`;
    if (!locked) return null;
    const [current] = await tx<{ version: number; policy: PolicyInput }[]>`
      SELECT c.policy_version AS version, p.policy
      FROM categories c JOIN category_policies p ON p.category_code = c.code AND p.version = c.policy_version
      WHERE c.code = ${code}`;
    if (!current) return null;
    const set = definedColumns({
      name: patch.name,
      business_owner_unit_id: patch.businessOwnerUnitId,
      default_kind: patch.defaultKind,
    });
    if (patch.policy) {
      const merged: PolicyInput = { ...current.policy, ...patch.policy };
      if (canonicalJson(merged) !== canonicalJson(current.policy)) {
        const [next] = await tx<{ version: number }[]>`
          INSERT INTO category_policies (category_code, version, policy)
          SELECT ${code}, coalesce(max(version), 0) + 1, ${tx.json(merged)}
          FROM category_policies WHERE category_code = ${code}
          RETURNING version`;
        set.policy_version = next!.version;
      }
    }
    if (Object.keys(set).length > 0) {
      await namingMissingReferences(
        MISSING,
        () => tx`UPDATE categories SET ${tx(set)}, updated_at = now() WHERE code = ${code}`,
      );
    }
    return getCategory(tx, code);
  });
}

/** Every policy the category has had, newest first. */
export async function listCategoryPolicies(db: Db, code: string): Promise<CategoryPolicyVersion[]> {
  const rows = await db<{ version: number; policy: PolicyInput; createdAt: Date }[]>`
    SELECT version, policy, created_at AS "createdAt" FROM category_policies
    WHERE category_code = ${code} ORDER BY version DESC`;
  return rows.map((r) => ({ ...r, policy: completePolicy(r.policy) }));
}

/** The category's current policy with its version, which a new case pins. */
export async function loadCategoryPolicy(db: Db, categoryCode: string): Promise<PinnedPolicy | null> {
  const [row] = await db<{ version: number; policy: PolicyInput }[]>`
    SELECT p.version, p.policy FROM categories c
    JOIN category_policies p ON p.category_code = c.code AND p.version = c.policy_version
    WHERE c.code = ${categoryCode}`;
  return row ? { ...completePolicy(row.policy), version: row.version } : null;
}

/** Every category's policy in force, by category code: what intake pins (api/services/routing-service.ts). */
export async function loadCategoryPolicies(db: Db): Promise<Map<string, PinnedPolicy>> {
  const rows = await db<{ code: string; version: number; policy: PolicyInput }[]>`
    SELECT c.code, p.version, p.policy FROM categories c
    JOIN category_policies p ON p.category_code = c.code AND p.version = c.policy_version`;
  return new Map(rows.map((row) => [row.code, { ...completePolicy(row.policy), version: row.version }]));
}

/** One pinned version, for a case reported under a policy that has since changed. */
export async function loadCategoryPolicyVersion(
  db: Db,
  categoryCode: string,
  version: number,
): Promise<PinnedPolicy | null> {
  const [row] = await db<{ policy: PolicyInput }[]>`
    SELECT policy FROM category_policies WHERE category_code = ${categoryCode} AND version = ${version}`;
  return row ? { ...completePolicy(row.policy), version } : null;
}
