import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Viewer } from '../../shared/domain/access';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import type { Db } from '../../shared/db/sql';
import { LEDGER_COLUMNS, type LedgerExportRow } from './ledger-labels';
import { ledgerRows } from './ledger-rows';
import { drained, exporting } from './stream-write';
import { xmlSafe } from './xml-safe';

// GET /v1/ledger.xlsx, written with exceljs's streaming writer: each row is committed (serialised
// into the zip stream) as soon as it is added, so the workbook is never held in memory.

export const SHEET_NAME = '整改台账';

const WRAPPED = new Set<string>(['description', 'measures', 'progress', 'coHandlers', 'locality']);

export async function writeLedgerXlsx(batches: AsyncIterable<LedgerExportRow[]>, out: Writable): Promise<number> {
  return exporting(out, async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'duban';
    const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = LEDGER_COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      width: c.width,
      style: { alignment: { vertical: 'top', wrapText: WRAPPED.has(c.key) } },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    header.commit();

    let rows = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        sheet.addRow(LEDGER_COLUMNS.map((c) => xmlSafe(row[c.key]))).commit();
      }
      rows += batch.length;
      await drained(out);
    }
    sheet.commit();
    await workbook.commit();
    return rows;
  });
}

/** Streams the viewer's ledger, with the list's filters, as .xlsx into `out` and ends it; the row count. */
export function exportLedgerXlsx(db: Db, viewer: Viewer, filter: LedgerFilter, out: Writable): Promise<number> {
  return writeLedgerXlsx(ledgerRows(db, viewer, filter), out);
}
