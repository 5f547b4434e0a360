import type { Writable } from 'node:stream';
import type { Viewer } from '../../shared/domain/access';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import type { Db } from '../../shared/db/sql';
import { LEDGER_COLUMNS, type LedgerExportRow } from './ledger-labels';
import { ledgerRows } from './ledger-rows';
import { end, exporting, write } from './stream-write';

// GET /v1/ledger.csv. UTF-8 with a byte-order mark, because Excel on Windows otherwise opens UTF-8
// as the local ANSI code page and the Chinese turns to mojibake; CRLF and quoting per RFC 4180.

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A cell that starts with = + - @ (or a tab or CR) is a formula to a spreadsheet: a resident's text
 * must never run as one (CSV injection, OWASP). A leading apostrophe keeps it text.
 */
export const neutralise = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: ReadonlyArray<string | number>): string => fields.map(csvField).join(',') + CRLF;

export async function writeLedgerCsv(batches: AsyncIterable<LedgerExportRow[]>, out: Writable): Promise<number> {
  return exporting(out, async () => {
    let rows = 0;
    await write(out, BOM + csvLine(LEDGER_COLUMNS.map((c) => c.header)));
    for await (const batch of batches) {
      await write(out, batch.map((row) => csvLine(LEDGER_COLUMNS.map((c) => row[c.key]))).join(''));
      rows += batch.length;
    }
    await end(out);
    return rows;
  });
}

/** Streams the viewer's ledger, with the list's filters, as CSV into `out` and ends it; the row count. */
export function exportLedgerCsv(db: Db, viewer: Viewer, filter: LedgerFilter, out: Writable): Promise<number> {
  return writeLedgerCsv(ledgerRows(db, viewer, filter), out);
}
