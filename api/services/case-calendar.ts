// The calendar a re-pin sends to a case (docs/calendar.md, "Re-pinning"), loaded here so that the
// workflow counts on what its Update's input holds.
import type { CaseRow } from '../../shared/db/case-queries';
import { loadWorkingCalendar } from '../../shared/db/calendar';
import type { Sql } from '../../shared/db/sql';
import { campaignDate } from '../../shared/domain/campaign-clock';
import type { WorkingCalendar } from '../../shared/domain/working-days';

const beijingYear = (ms: number): number => Number(campaignDate(ms).slice(0, 4));

/**
 * The calendar in force now, as intake pins it (this Beijing year and the next), reaching back to the
 * year the case was reported: a running clock may have started then.
 */
export async function calendarForRepin(sql: Sql, row: Pick<CaseRow, 'reportedAt'>): Promise<WorkingCalendar> {
  const thisYear = beijingYear(Date.now());
  return loadWorkingCalendar(sql, Math.min(beijingYear(row.reportedAt.getTime()), thisYear), thisYear + 1);
}
