import type { RoutingCategory, RoutingLocality, RoutingReference, RoutingUnit } from '../routing/types';
import type { Db } from './sql';

// Reference data lives in units.ts, localities.ts, categories.ts and rules.ts; this module keeps the
// routing engine's snapshot of it and the names its first callers import.
export { ensureCategory, loadCategoryPolicy } from './categories';
export { upsertLocality } from './localities';
export { loadPublishedRules, publishRules, type PublishedRules } from './rules';
export { upsertUnit } from './units';

/** Everything the routing engine needs to decide: units, localities and categories. */
export async function loadRoutingReference(db: Db): Promise<RoutingReference> {
  const [units, localities, categories] = await Promise.all([
    db<RoutingUnit[]>`SELECT id, name, kind, parent_id AS "parentId" FROM units ORDER BY id`,
    db<RoutingLocality[]>`
      SELECT code, name, parent_code AS "parentCode", governing_unit_id AS "governingUnitId"
      FROM localities ORDER BY code`,
    db<RoutingCategory[]>`
      SELECT code, name, business_owner_unit_id AS "businessOwnerUnitId" FROM categories ORDER BY code`,
  ]);
  return { units: [...units], localities: [...localities], categories: [...categories] };
}
