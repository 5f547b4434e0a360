import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { CAMPAIGN_UTC_OFFSET } from '../../shared/domain/campaign-clock';
import type { CsvRecord } from './csv-records';

// Rows of an .xlsx upload's first worksheet, read with exceljs's streaming reader as the upload
// arrives, each cell turned into the text a CSV would have held, so one validator serves both.

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A spreadsheet date has no time zone: exceljs hands its wall clock as a UTC Date. It is read as
 * the campaign clock's wall clock; a date without a time stays a bare date.
 */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  if (seconds === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${CAMPAIGN_UTC_OFFSET}`;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result); // a formula: its cached result
    if ('text' in v) return cellText(v.text); // a hyperlink
    if (v.error) return '';
  }
  return '';
}

export async function* xlsxRecords(input: Readable): AsyncGenerator<CsvRecord> {
  // Styles are needed to tell a date cell from a number.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  for await (const worksheet of reader) {
    sheets += 1;
    for await (const row of worksheet) {
      // Only the first sheet holds visits; the others are read through so the upload is consumed.
      if (sheets > 1) continue;
      // row.values is 1-based: index 0 is always empty.
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const fields = Array.from(values, (value) => cellText(value).trim());
      if (fields.every((f) => f === '')) continue;
      yield { row: row.number, fields };
    }
  }
}
