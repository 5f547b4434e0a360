import type { Viewer } from '../domain/access';
import type { LedgerFilter } from './ledger-filter';
import { localitySubtree } from './localities';
import type { Db, Fragment } from './sql';

// The WHERE clause of every ledger query (list, counts, exports), over `cases c`. The viewer's scope
// is always the first conjunct and every filter is ANDed to it, so no filter can widen what a
// viewer sees: a unit asking for `unit=<another unit>` gets the cases the two share, or none.

/** docs/domain.md "Who does what", in SQL; the same rule as canSeeCase in shared/domain/access.ts. */
export function scopeCondition(db: Db, viewer: Viewer): Fragment {
  switch (viewer.role) {
    case 'office':
    case 'leader':
    case 'admin':
      return db`TRUE`;
    case 'unit':
      return viewer.unitId === null ? db`FALSE` : handledBy(db, viewer.unitId);
    case 'visitor':
      return db`(c.reported_by ->> 'id') = ${viewer.tokenId}`;
    default:
      // A role added later sees nothing here until someone decides what it may see.
      return db`FALSE`;
  }
}

/** Lead or co-handler: each side can use its own index (btree on lead, GIN on co_handlers). */
const handledBy = (db: Db, unitId: string): Fragment =>
  db`(c.lead_unit_id = ${unitId} OR c.co_handlers @> ARRAY[${unitId}]::text[])`;

/** `%`, `_` and `\` in a search word are text to find, not patterns. */
export const likePattern = (word: string): string => `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function ledgerConditions(db: Db, viewer: Viewer, filter: LedgerFilter): Promise<Fragment[]> {
  const conditions = [scopeCondition(db, viewer)];
  const add = (condition: Fragment) => conditions.push(condition);
  if (filter.status?.length) add(db`c.status = ANY(${[...filter.status]}::text[])`);
  if (filter.unit) add(handledBy(db, filter.unit));
  // The subtree is resolved first and sent as a list, so the planner sees the actual codes: a
  // locality with few cases then reads cases_locality_idx instead of walking the whole ledger.
  if (filter.locality) add(db`c.locality = ANY(${await localitySubtree(db, filter.locality)}::text[])`);
  if (filter.category?.length) add(db`c.category = ANY(${[...filter.category]}::text[])`);
  if (filter.kind?.length) add(db`c.kind = ANY(${[...filter.kind]}::text[])`);
  if (filter.priority?.length) add(db`c.priority = ANY(${[...filter.priority]}::text[])`);
  // Literal rather than a parameter, so the planner can match the partial index `WHERE overdue`.
  if (filter.overdue !== undefined) add(filter.overdue ? db`c.overdue` : db`NOT c.overdue`);
  // Literal, for the partial index cases_due_soon_idx (migration 0017); a flag left from before the
  // case left `in_progress` does not count.
  if (filter.dueSoon !== undefined) {
    add(
      filter.dueSoon
        ? db`(c.due_soon AND c.status = 'in_progress')`
        : db`NOT (c.due_soon AND c.status = 'in_progress')`,
    );
  }
  if (filter.escalationLevel !== undefined) add(db`c.escalation_level = ${filter.escalationLevel}`);
  if (filter.reportedFrom) add(db`c.reported_at >= ${filter.reportedFrom}`);
  if (filter.reportedTo) add(db`c.reported_at < ${filter.reportedTo}`);
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word);
    add(db`(c.title ILIKE ${pattern} OR c.description ILIKE ${pattern})`);
  }
  return conditions;
}

export function and(db: Db, conditions: Fragment[]): Fragment {
  return conditions.reduce((all, condition) => db`${all} AND ${condition}`);
}
