import type { Viewer } from '../../shared/domain/access';
import { campaignDate } from '../../shared/domain/campaign-clock';
import { reporterFor } from '../../shared/db/ledger';
import { ledgerExportRecords, type LedgerExportRecord } from './ledger-export';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import type { Db } from '../../shared/db/sql';
import { ESCALATION_LABELS, REPORTER_ERASED, sourceLabel, statusLabel, type LedgerExportRow } from './ledger-labels';

/** Dates print as the day on the campaign clock, where the campaign runs. */
export const dayOf = (date: Date | null): string => (date ? campaignDate(date) : '');

function progressOf(r: LedgerExportRecord): string {
  if (!r.lastReportSummary) return '';
  const percent = r.lastReportPercent === null ? '' : `（完成${r.lastReportPercent}%）`;
  const by = r.lastReportBy ? `（填报：${r.lastReportBy}）` : '';
  return `${dayOf(r.lastReportAt)}：${r.lastReportSummary}${percent}${by}`;
}

function reporterCell(viewer: Viewer, r: LedgerExportRecord): string {
  if (r.reporterErased) return REPORTER_ERASED;
  const reporter = reporterFor(viewer, r, r.reporterName, r.reporterPhone);
  if (!reporter) return '';
  return reporter.phone ? `${reporter.name} ${reporter.phone}` : reporter.name;
}

/** One printed ledger line; `no` is its 序号, counted from 1 in export order. */
export function toLedgerRow(viewer: Viewer, r: LedgerExportRecord, no: number): LedgerExportRow {
  return {
    no,
    source: sourceLabel(r.kind, r.reportedBy.role, r.fromVisit),
    reporter: reporterCell(viewer, r),
    description: `【${r.title}】${r.description}`,
    category: r.categoryName,
    locality: r.localityName,
    lead: `${r.leadName ?? r.lead ?? ''}${r.acceptedBy ? `（签收：${r.acceptedBy}）` : ''}`,
    coHandlers: r.coHandlerNames.join('、'),
    assignedOn: dayOf(r.assignedAt),
    deadlineOn: dayOf(r.deadline),
    measures: r.measures ?? '',
    progress: progressOf(r),
    status: statusLabel(r.status, r.closeReason),
    overdue: r.overdue ? '是' : '否',
    level: ESCALATION_LABELS[r.escalationLevel] ?? String(r.escalationLevel),
  };
}

/** The printed ledger for this viewer, batch by batch, straight from the database cursor. */
export async function* ledgerRows(
  db: Db,
  viewer: Viewer,
  filter: LedgerFilter = {},
): AsyncGenerator<LedgerExportRow[]> {
  let no = 0;
  for await (const batch of ledgerExportRecords(db, viewer, filter)) {
    yield batch.map((record) => toLedgerRow(viewer, record, ++no));
  }
}
