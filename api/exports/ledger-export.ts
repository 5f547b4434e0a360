import type { Viewer } from '../../shared/domain/access';
import { caseColumns, type StoredCase } from '../../shared/db/case-columns';
import type { LedgerFigures } from '../../shared/db/ledger';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import { and, ledgerConditions } from '../../shared/db/ledger-sql';
import type { Db } from '../../shared/db/sql';

/** Rows fetched per round trip: big enough to stream quickly, small enough to hold at once. */
export const EXPORT_BATCH = 500;

/** The case's stored fields the printed ledger uses (api/exports/ledger-rows.ts). */
const EXPORTED_FIELDS = [
  'id',
  'kind',
  'reportedBy',
  'title',
  'description',
  'status',
  'closeReason',
  'overdue',
  'escalationLevel',
  'lead',
  'coHandlers',
  'deadline',
] as const satisfies ReadonlyArray<keyof StoredCase>;

/** A ledger line with names instead of ids, before labelling and masking (api/exports). */
export type LedgerExportRecord = Pick<StoredCase, (typeof EXPORTED_FIELDS)[number]> &
  Pick<LedgerFigures, 'assignedAt' | 'lastReportAt' | 'lastReportSummary'> & {
    fromVisit: boolean;
    leadName: string | null;
    coHandlerNames: string[];
    categoryName: string;
    localityName: string;
    measures: string | null;
    lastReportPercent: number | null;
    reporterName: string | null;
    reporterPhone: string | null;
    reporterErased: boolean;
    /** The person who signed for the case and who wrote its last report (责任人), when a session did. */
    acceptedBy: string | null;
    lastReportBy: string | null;
  };

/**
 * The person (display name at the time, docs/accounts.md) on the case's latest event of `type` taken for
 * its present lead unit: null for a service token's, or when the present lead has not taken that step.
 */
const personWho = (db: Db, type: string) => db`
  (SELECT e.actor ->> 'name' FROM case_events e
   WHERE e.case_id = c.id AND e.type = ${type} AND e.data ->> 'unitId' = c.lead_unit_id
   ORDER BY e.seq DESC LIMIT 1)`;

/**
 * The ledger for export, in the list's order and under the same scope and filters, read through a
 * server-side cursor EXPORT_BATCH rows at a time: memory stays flat however many cases there are.
 * Breaking out of the loop closes the cursor.
 */
export async function* ledgerExportRecords(
  db: Db,
  viewer: Viewer,
  filter: LedgerFilter = {},
): AsyncGenerator<LedgerExportRecord[]> {
  const where = and(db, await ledgerConditions(db, viewer, filter));
  yield* db<LedgerExportRecord[]>`
    WITH RECURSIVE locality_path(code, path) AS (
      SELECT code, name FROM localities WHERE parent_code IS NULL
      UNION ALL
      SELECT l.code, p.path || '/' || l.name FROM localities l JOIN locality_path p ON l.parent_code = p.code)
    SELECT ${caseColumns(db, EXPORTED_FIELDS)}, c.visit_id IS NOT NULL AS "fromVisit", lu.name AS "leadName",
           ARRAY(SELECT coalesce(u.name, h.id) FROM unnest(c.co_handlers) WITH ORDINALITY AS h(id, n)
                 LEFT JOIN units u ON u.id = h.id ORDER BY h.n) AS "coHandlerNames",
           coalesce(cat.name, c.category) AS "categoryName", coalesce(lp.path, c.locality) AS "localityName",
           c.assigned_at AS "assignedAt", c.measures, c.last_report_at AS "lastReportAt",
           c.last_report_summary AS "lastReportSummary", c.last_report_percent AS "lastReportPercent",
           r.name AS "reporterName", r.phone AS "reporterPhone", r.erased_at IS NOT NULL AS "reporterErased",
           ${personWho(db, 'accepted')} AS "acceptedBy", ${personWho(db, 'report_submitted')} AS "lastReportBy"
    FROM cases c
    LEFT JOIN reporters r ON r.id = c.reporter_id
    LEFT JOIN categories cat ON cat.code = c.category
    LEFT JOIN locality_path lp ON lp.code = c.locality
    LEFT JOIN units lu ON lu.id = c.lead_unit_id
    WHERE ${where}
    ORDER BY c.reported_at DESC, c.id DESC`.cursor(EXPORT_BATCH);
}
