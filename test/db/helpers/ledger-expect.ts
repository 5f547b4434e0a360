// What the ledger should answer, computed in plain TypeScript from the generated cases.
import type { CaseState } from '../../../shared/contracts/case';
import { listLedger, type LedgerItem } from '../../../shared/db/ledger';
import type { LedgerFilter } from '../../../shared/db/ledger-filter';
import type { Db } from '../../../shared/db/sql';
import type { Viewer } from '../../../shared/domain/access';
import type { GeneratedCase } from './ledger-data';
import { LOCALITIES } from './ledger-city';

/** Microseconds since the epoch, exactly: the ledger orders by them and JS Dates stop at milliseconds. */
export function micros(iso: string): bigint {
  const [, whole, fraction = ''] = /^(.*?)(?:\.(\d+))?Z$/.exec(iso)!;
  return BigInt(Date.parse(`${whole}Z`)) * 1000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

/** The ledger order: newest first, then id descending. */
export function byLedgerOrder(a: CaseState, b: CaseState): number {
  const t = micros(b.reportedAt) - micros(a.reportedAt);
  if (t !== 0n) return t > 0n ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const handles = (s: CaseState, unit: string) => s.lead === unit || s.coHandlers.includes(unit);
const subtree = (code: string) =>
  code === 'xingyi'
    ? LOCALITIES.map((l) => l.code)
    : LOCALITIES.filter((l) => l.code === code || l.township === code).map((l) => l.code);

export function inScope(viewer: Viewer, s: CaseState): boolean {
  if (viewer.role === 'unit') return viewer.unitId !== null && handles(s, viewer.unitId);
  if (viewer.role === 'visitor') return s.reportedBy.id === viewer.tokenId;
  return true;
}

export function matches(filter: LedgerFilter, s: CaseState): boolean {
  const t = micros(s.reportedAt);
  const words = (filter.q ?? '').split(/\s+/).filter(Boolean);
  return (
    (!filter.status || filter.status.includes(s.status)) &&
    (!filter.unit || handles(s, filter.unit)) &&
    (!filter.locality || subtree(filter.locality).includes(s.locality)) &&
    (!filter.category || filter.category.includes(s.category)) &&
    (!filter.kind || filter.kind.includes(s.kind)) &&
    (!filter.priority || filter.priority.includes(s.priority)) &&
    (filter.overdue === undefined || s.overdue === filter.overdue) &&
    (filter.escalationLevel === undefined || s.escalationLevel === filter.escalationLevel) &&
    (!filter.reportedFrom || t >= BigInt(filter.reportedFrom.getTime()) * 1000n) &&
    (!filter.reportedTo || t < BigInt(filter.reportedTo.getTime()) * 1000n) &&
    words.every(
      (w) =>
        `${s.title}`.toLowerCase().includes(w.toLowerCase()) || s.description.toLowerCase().includes(w.toLowerCase()),
    )
  );
}

export function expectedIds(cases: GeneratedCase[], viewer: Viewer, filter: LedgerFilter = {}): string[] {
  return cases
    .map((c) => c.state)
    .filter((s) => inScope(viewer, s) && matches(filter, s))
    .sort(byLedgerOrder)
    .map((s) => s.id);
}

/** Every page of the list, in order, checking that no page is longer than asked. */
export async function allPages(db: Db, viewer: Viewer, filter: LedgerFilter = {}, limit = 200): Promise<LedgerItem[]> {
  const items: LedgerItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await listLedger(db, viewer, filter, { limit, cursor });
    if (page.items.length > limit) throw new Error(`a page of ${page.items.length} rows for limit ${limit}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
