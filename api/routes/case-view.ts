import { mayUnmaskReporter, maskName, maskPhone, type Viewer } from '../../shared/domain/access';
import type { CaseView } from '../../shared/domain/case';
import type { CaseRow } from '../../shared/db/case-queries';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** The API's view of a read-model row, with the reporter masked unless the viewer may see it. */
export function toCaseView(row: CaseRow, viewer: Viewer): CaseView {
  const unmasked = mayUnmaskReporter(viewer, row);
  const reporter =
    row.reporterId && row.reporterName !== null
      ? {
          name: unmasked ? row.reporterName : maskName(row.reporterName),
          phone: row.reporterPhone === null ? null : unmasked ? row.reporterPhone : maskPhone(row.reporterPhone),
        }
      : null;
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    category: row.category,
    title: row.title,
    description: row.description,
    locality: row.locality,
    priority: row.priority,
    reporter,
    lead: row.leadUnitId,
    coHandlers: row.coHandlers,
    routing: row.routing,
    deadline: iso(row.deadline),
    nextReportDue: iso(row.nextReportDue),
    missedReports: row.missedReports,
    overdue: row.overdue,
    escalationLevel: row.escalationLevel,
    closeReason: row.closeReason,
    reportedAt: row.reportedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
