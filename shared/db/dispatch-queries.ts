import { clampLimit, decodeVersionCursor, toPage, type Page, type PageRequest } from './pagination';
import type { Db } from './sql';

// Reads of the dispatch lists (交办单) for the office and leaders; the batch workflow writes them.

export interface DispatchBatchSummary {
  id: string;
  number: number;
  kind: 'batch' | 'urgent';
  at: Date;
  caseCount: number;
}

export interface DispatchListEntry {
  caseId: string;
  title: string;
  categoryName: string | null;
  localityName: string | null;
  outcome: string | null;
}

export interface DispatchUnitList {
  unitId: string;
  unitName: string | null;
  cases: DispatchListEntry[];
}

/**
 * The batches, newest first. For a unit (`leadUnitId`): only the batches that handed it a case to
 * lead, each counting only those cases — its own 交办单, not the others'.
 */
export async function listDispatchBatches(
  db: Db,
  page: PageRequest = {},
  leadUnitId: string | null = null,
): Promise<Page<DispatchBatchSummary>> {
  const limit = clampLimit(page.limit);
  const before = decodeVersionCursor(page.cursor);
  const mine = leadUnitId === null ? db`TRUE` : db`c.lead_unit_id = ${leadUnitId}`;
  const rows = await db<DispatchBatchSummary[]>`
    SELECT b.id, b.number, b.kind, b.at, count(c.case_id)::int AS "caseCount"
    FROM dispatch_batches b LEFT JOIN dispatch_batch_cases c ON c.batch_id = b.id AND ${mine}
    WHERE (${before}::int IS NULL OR b.number < ${before})
    GROUP BY b.id HAVING ${leadUnitId}::text IS NULL OR count(c.case_id) > 0
    ORDER BY b.number DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit, (b) => [b.number]);
}

/**
 * One batch with its per-unit dispatch lists, as printed for the units. For a unit (`leadUnitId`): its
 * own list only, or null when the batch handed it nothing to lead.
 */
export async function getDispatchBatch(
  db: Db,
  id: string,
  leadUnitId: string | null = null,
): Promise<(DispatchBatchSummary & { units: DispatchUnitList[] }) | null> {
  const [batch] = await db<DispatchBatchSummary[]>`
    SELECT b.id, b.number, b.kind, b.at, (SELECT count(*)::int FROM dispatch_batch_cases WHERE batch_id = b.id) AS "caseCount"
    FROM dispatch_batches b WHERE b.id = ${id}`;
  if (!batch) return null;
  const rows = await db<(DispatchListEntry & { unitId: string; unitName: string | null })[]>`
    SELECT d.lead_unit_id AS "unitId", u.name AS "unitName", d.case_id AS "caseId", cs.title,
           cat.name AS "categoryName", loc.name AS "localityName", d.outcome
    FROM dispatch_batch_cases d
    JOIN cases cs ON cs.id = d.case_id
    LEFT JOIN units u ON u.id = d.lead_unit_id
    LEFT JOIN categories cat ON cat.code = cs.category
    LEFT JOIN localities loc ON loc.code = cs.locality
    WHERE d.batch_id = ${id}
    ORDER BY d.lead_unit_id, cs.reported_at, d.case_id`;
  const units = new Map<string, DispatchUnitList>();
  for (const { unitId, unitName, ...entry } of rows) {
    const list = units.get(unitId) ?? { unitId, unitName, cases: [] };
    list.cases.push(entry);
    units.set(unitId, list);
  }
  if (leadUnitId === null) return { ...batch, units: [...units.values()] };
  const own = units.get(leadUnitId);
  return own ? { ...batch, caseCount: own.cases.length, units: [own] } : null;
}
