import { z } from 'zod';
import { mayUnmaskReporter, maskName, maskPhone, type Viewer } from '../domain/access';
import { ReporterViewSchema } from '../domain/case';
import { CASE_STATUSES, type CaseStatus } from '../domain/enums';
import { LedgerItemSchema, type LedgerFiguresSchema } from '../domain/ledger';
import { caseColumns, storedFieldsOf, type StoredCase, type WithDates } from './case-columns';
import type { LedgerFilter } from './ledger-filter';
import { and, ledgerConditions } from './ledger-sql';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from './pagination';
import type { Db } from './sql';

export type LedgerReporter = z.infer<typeof ReporterViewSchema>;

/** The case's stored fields a ledger line shows, as LedgerItemSchema lists them. */
const LINE_FIELDS = storedFieldsOf(LedgerItemSchema.shape);
type LineField = (typeof LINE_FIELDS)[number];
/** And who reported it, which decides how much of the reporter the viewer sees. */
const SELECTED_FIELDS = [...LINE_FIELDS, 'reportedBy' as const];

export type LedgerFigures = WithDates<z.infer<typeof LedgerFiguresSchema>, 'assignedAt' | 'lastReportAt'>;

/** One line of the ledger (整改台账) as the viewer may see it: the reporter is already masked. */
export type LedgerItem = Pick<StoredCase, LineField> & LedgerFigures & { reporter: LedgerReporter | null };

type LedgerRow = Omit<LedgerItem, 'reporter'> &
  Pick<StoredCase, 'reportedBy'> & {
    reporterName: string | null;
    reporterPhone: string | null;
    cursorAt: string;
  };

/**
 * A reporter as this viewer may see them (docs/domain.md "Audit trail and privacy"): unmasked for the
 * office, admins and the case's lead unit, masked for everyone else; null when none or erased.
 */
export function reporterFor(
  viewer: Viewer,
  row: { lead: string | null; coHandlers: string[]; reportedBy: { id: string } },
  name: string | null,
  phone: string | null,
): LedgerReporter | null {
  if (name === null) return null;
  const unmasked = mayUnmaskReporter(viewer, {
    leadUnitId: row.lead,
    coHandlers: row.coHandlers,
    reportedBy: row.reportedBy,
  });
  return {
    name: unmasked ? name : maskName(name),
    phone: phone === null ? null : unmasked ? phone : maskPhone(phone),
  };
}

// The timestamp goes into the cursor at full microsecond precision, which a JS Date would cut.
const LedgerCursor = z.tuple([z.iso.datetime({ offset: true }), z.string().min(1).max(80)]);

/** The ledger page by page, newest first (`GET /v1/cases`). */
export async function listLedger(
  db: Db,
  viewer: Viewer,
  filter: LedgerFilter = {},
  page: PageRequest = {},
): Promise<Page<LedgerItem>> {
  const limit = clampLimit(page.limit);
  const conditions = await ledgerConditions(db, viewer, filter);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, LedgerCursor);
    // Sent as text: postgres.js would pass a timestamptz parameter through a JS Date, dropping microseconds.
    conditions.push(db`(c.reported_at, c.id) < (${at}::text::timestamptz, ${id}::text)`);
  }
  const rows = await db<LedgerRow[]>`
    SELECT ${caseColumns(db, SELECTED_FIELDS)}, r.name AS "reporterName", r.phone AS "reporterPhone",
           c.assigned_at AS "assignedAt", c.last_report_at AS "lastReportAt",
           c.last_report_summary AS "lastReportSummary", c.report_count AS "reportCount",
           c.escalation_count AS "escalationCount",
           to_char(c.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
    FROM cases c LEFT JOIN reporters r ON r.id = c.reporter_id
    WHERE ${and(db, conditions)}
    ORDER BY c.reported_at DESC, c.id DESC
    LIMIT ${limit + 1}`;
  const result = toPage(rows, limit, (row) => [row.cursorAt, row.id]);
  return { items: result.items.map((row) => toItem(viewer, row)), nextCursor: result.nextCursor };
}

function toItem(viewer: Viewer, row: LedgerRow): LedgerItem {
  const { reportedBy, reporterName, reporterPhone, cursorAt: _, ...item } = row;
  return { ...item, reporter: reporterFor(viewer, { ...row, reportedBy }, reporterName, reporterPhone) };
}

export interface UnitCount {
  unitId: string;
  unitName: string | null;
  /** Cases the unit leads. */
  lead: number;
  coHandled: number;
  /** Led and not closed. */
  open: number;
  /** Led and past the deadline. */
  overdue: number;
}

export interface LedgerCounts {
  total: number;
  byStatus: Record<CaseStatus, number>;
  byUnit: UnitCount[];
}

/** Counts under the same scope and filters as the list: per status, and per lead or co-handling unit. */
export async function countLedger(db: Db, viewer: Viewer, filter: LedgerFilter = {}): Promise<LedgerCounts> {
  const where = and(db, await ledgerConditions(db, viewer, filter));
  const statuses = await db<{ status: CaseStatus; n: number }[]>`
    SELECT c.status, count(*)::int AS n FROM cases c WHERE ${where} GROUP BY c.status`;
  const byUnit = await db<UnitCount[]>`
    WITH scoped AS (SELECT c.lead_unit_id, c.co_handlers, c.status, c.overdue FROM cases c WHERE ${where}),
    roles AS (
      SELECT lead_unit_id AS unit_id, true AS lead, status, overdue FROM scoped WHERE lead_unit_id IS NOT NULL
      UNION ALL
      SELECT h.unit_id, false, status, overdue FROM scoped, unnest(co_handlers) AS h(unit_id))
    SELECT r.unit_id AS "unitId", u.name AS "unitName",
           count(*) FILTER (WHERE r.lead)::int AS lead,
           count(*) FILTER (WHERE NOT r.lead)::int AS "coHandled",
           count(*) FILTER (WHERE r.lead AND r.status <> 'closed')::int AS open,
           count(*) FILTER (WHERE r.lead AND r.overdue)::int AS overdue
    FROM roles r LEFT JOIN units u ON u.id = r.unit_id
    GROUP BY r.unit_id, u.name ORDER BY r.unit_id`;
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const { status, n } of statuses) byStatus[status] = n;
  return { total: statuses.reduce((sum, s) => sum + s.n, 0), byStatus, byUnit: [...byUnit] };
}
