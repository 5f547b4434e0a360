import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { campaignDateTime } from '../../shared/domain/campaign-clock';
import type { Bulletin } from '../../shared/supervision/bulletin';
import { BULLETIN_COLUMNS, RANKING_RULE_TEXT, SLOW_REASON_LABELS, hours, periodText, titleOf } from './bulletin-labels';
import { exporting } from './stream-write';
import { xmlSafe } from './xml-safe';

// The bulletin as .xlsx, written like the ledger (ledger-xlsx.ts): exceljs's streaming writer, each
// row committed as added. Sheet 1 holds one row per unit under a frozen header, so it sorts and
// filters as a table; sheet 2 the period, the slow units and the ranking rule.

export const UNITS_SHEET = '各单位办理情况';
export const NOTES_SHEET = '说明';

export async function writeBulletinXlsx(b: Bulletin, out: Writable): Promise<void> {
  await exporting(out, async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'duban';

    const sheet = workbook.addWorksheet(UNITS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = BULLETIN_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.commit();
    for (const unit of b.units) sheet.addRow(BULLETIN_COLUMNS.map((c) => xmlSafe(c.value(unit)))).commit();
    const t = b.totals;
    const totals = sheet.addRow([
      '',
      '合计',
      t.assigned,
      t.accepted,
      t.pendingAccept,
      t.inProgress,
      t.resolved,
      '',
      t.overdue,
      t.missedReports,
      t.escalations,
      hours(t.medianAcceptSeconds),
      hours(t.medianResolveSeconds),
      '',
    ]);
    totals.font = { bold: true };
    totals.commit();
    sheet.commit();

    const notes = workbook.addWorksheet(NOTES_SHEET);
    notes.columns = [{ width: 16 }, { width: 100 }];
    const lines: Array<[string, string]> = [
      ['标题', titleOf(b)],
      ['统计周期', periodText(b)],
      ['统计时间', `${campaignDateTime(b.computedAt)}${b.complete ? '' : '（本期尚未结束）'}`],
      ...b.slowUnits.map((u): [string, string] => [
        '进度较慢单位',
        `${u.unitName ?? u.unitId}：${u.reasons.map((r) => SLOW_REASON_LABELS[r]).join('、')}`,
      ]),
      ['排名规则', RANKING_RULE_TEXT],
    ];
    for (const line of lines) notes.addRow(line.map(xmlSafe)).commit();
    notes.commit();
    await workbook.commit();
  });
}
