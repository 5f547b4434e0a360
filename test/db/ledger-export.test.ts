// Ledger exports (issue 4): .xlsx and CSV streamed from a database cursor, with names instead of ids,
// Chinese labels, the viewer's scope and the viewer's masking, read back and compared row by row.
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerExportRecords } from '../../api/exports/ledger-export';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { exportLedgerCsv } from '../../api/exports/ledger-csv';
import { LEDGER_COLUMNS } from '../../api/exports/ledger-labels';
import { exportLedgerXlsx, SHEET_NAME } from '../../api/exports/ledger-xlsx';
import { ExportAbortedError } from '../../api/exports/stream-write';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CaseHistory, newCase, unitActor } from './helpers/cases';
import { collector, expectedLines, parseCsv } from './helpers/export-expect';
import { seedLedgerCity } from './helpers/ledger-city';
import { generateCases, recordCases } from './helpers/ledger-data';
import { allPages } from './helpers/ledger-expect';

const office: Viewer = { tokenId: 'office-token', role: 'office', unitId: 'office' };
const HEADERS = [
  '序号',
  '问题来源',
  '反映人',
  '问题描述',
  '类别',
  '属地',
  '责任单位',
  '协办单位',
  '交办日期',
  '整改时限',
  '整改措施',
  '进展情况',
  '办理状态',
  '是否超期',
  '督办级别',
];

/** The ledger writes only text and 序号 numbers; anything else read back is a defect worth seeing. */
const cellText = (value: ExcelJS.CellValue): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);

async function xlsxLines(bytes: Buffer): Promise<{ sheet: string; lines: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    lines.push(HEADERS.map((_, i) => cellText(row.getCell(i + 1).value)));
  });
  return { sheet: sheet.name, lines };
}

describe('ledger exports', () => {
  let db: TestDatabase;
  let sql: Sql;
  let awkward: string;

  beforeAll(async () => {
    db = await createTestDatabase({ max: 10 });
    sql = db.sql;
    await seedLedgerCity(sql);
    await recordCases(sql, generateCases(1200, 9));
    // Quotes, a comma and a line break for RFC 4180; measures that a spreadsheet would run as a formula.
    const h = new CaseHistory(
      newCase({
        lead: 'water-bureau',
        title: '水管"爆裂"',
        description: '他说："路口,水管坏了"\n第二行',
        locality: 'qishe-magenao',
        category: 'drinking-water',
        reportedAt: '2026-07-01T00:00:00.000Z',
      }),
    );
    h.reported();
    h.emit(
      'dispatched',
      { batchId: 'b', batchNumber: 2, lead: 'water-bureau', coHandlers: [], acceptDue: '2026-07-02T00:00:00.000Z' },
      { status: 'assigned' },
    );
    h.emit(
      'accepted',
      { unitId: 'water-bureau', deadline: '2026-07-31T00:00:00.000Z', nextReportDue: '2026-07-08T00:00:00.000Z' },
      { status: 'in_progress', deadline: '2026-07-31T00:00:00.000Z' },
      unitActor('water-bureau'),
    );
    h.emit(
      'report_submitted',
      {
        reportId: 'r',
        unitId: 'water-bureau',
        progress: '抢修中',
        measures: '=HYPERLINK("http://x","点我")',
        percentDone: 30,
        blockers: null,
        dueAt: '2026-07-08T00:00:00.000Z',
        onTime: true,
        nextReportDue: '2026-07-15T00:00:00.000Z',
      },
      {},
      unitActor('water-bureau'),
    );
    await h.record(sql);
    awkward = h.state.id;
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('reads the ledger through a cursor, 500 rows at a time, never all at once', async () => {
    const sizes: number[] = [];
    for await (const batch of ledgerExportRecords(sql, office)) sizes.push(batch.length);
    expect(sizes).toEqual([500, 500, 201]);
  });

  it('writes .xlsx that exceljs reads back as the ledger query, row by row, with names and Chinese labels', async () => {
    const out = collector();
    const written = await exportLedgerXlsx(sql, office, {}, out.stream);
    const { sheet, lines } = await xlsxLines(out.bytes());

    const items = await allPages(sql, office);
    expect(written).toBe(items.length);
    expect(sheet).toBe('整改台账');
    expect(lines[0]).toEqual(HEADERS);
    expect(lines.slice(1)).toEqual(await expectedLines(sql, items));
  });

  it('keeps a formula-looking text a plain string in .xlsx', async () => {
    const out = collector();
    await exportLedgerXlsx(
      sql,
      office,
      { locality: 'qishe-magenao', category: ['drinking-water'], q: '爆裂' },
      out.stream,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.bytes() as unknown as ArrayBuffer);
    const cell = workbook.getWorksheet(SHEET_NAME)!.getRow(2).getCell(11);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","点我")');
  });

  it('writes CSV as UTF-8 with a BOM and RFC 4180 quoting that parses back to the same rows', async () => {
    const out = collector();
    const filter: LedgerFilter = { status: ['in_progress', 'assigned'] };
    await exportLedgerCsv(sql, office, filter, out.stream);
    const bytes = out.bytes();

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(HEADERS);
    const expected = await expectedLines(sql, await allPages(sql, office, filter));
    // A formula-looking cell is the one difference: CSV keeps it text with a leading apostrophe.
    const awkwardLine = expected.findIndex((line) => line[10]!.startsWith('='));
    expect(awkwardLine).toBeGreaterThanOrEqual(0);
    expected[awkwardLine]![10] = `'${expected[awkwardLine]![10]}`;
    expect(rows.slice(1)).toEqual(expected);
    expect(rows[awkwardLine + 1]![3]).toBe('【水管"爆裂"】他说："路口,水管坏了"\n第二行');
  });

  it('exports only the viewer’s scope, masked as the viewer may see it', async () => {
    const coHandler: Viewer = { tokenId: 't', role: 'unit', unitId: 'jingnan-town' };
    const out = collector();
    await exportLedgerCsv(sql, coHandler, {}, out.stream);
    const rows = parseCsv(out.bytes().subarray(3).toString('utf8')).slice(1);
    const items = await allPages(sql, coHandler);
    expect(rows).toHaveLength(items.length);
    expect(rows).toEqual(await expectedLines(sql, items));
    for (const [i, item] of items.entries()) {
      const led = item.lead === 'jingnan-town';
      const reporter = rows[i]![2]!;
      if (!item.reporter) expect(reporter).toBe('');
      else if (led) expect(reporter).not.toMatch(/某|\*/);
      else expect(reporter).toMatch(/某|\*\*\*/);
    }
    expect(items.some((i) => i.lead === 'jingnan-town' && i.reporter)).toBe(true);
    expect(items.some((i) => i.lead !== 'jingnan-town' && i.reporter)).toBe(true);
    expect(items.every((i) => i.lead === 'jingnan-town' || i.coHandlers.includes('jingnan-town'))).toBe(true);
  });

  it('waits for a slow reader instead of piling the ledger up in memory', async () => {
    const chunks: Buffer[] = [];
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        mostBuffered = Math.max(mostBuffered, this.writableLength);
        setTimeout(done, 50);
      },
    });
    const written = await exportLedgerCsv(sql, office, {}, slow);
    expect(written).toBe((await allPages(sql, office)).length);
    expect(parseCsv(Buffer.concat(chunks).subarray(3).toString('utf8'))).toHaveLength(written + 1);
    // Never more than the header and the one batch in hand: the cursor waited for each drain.
    const [header, ...batches] = chunks.map((c) => c.length);
    expect(batches.length).toBe(3);
    expect(mostBuffered).toBeLessThanOrEqual(header! + Math.max(...batches));
    expect(awkward).toBeTruthy();
  });

  it('stops, and frees its connection, when the reader goes away', async () => {
    const gone = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        setTimeout(() => this.destroy(), 0);
        done();
      },
    });
    await expect(exportLedgerCsv(sql, office, {}, gone)).rejects.toBeInstanceOf(ExportAbortedError);
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases`;
    expect(row!.n).toBe(1201);
  });

  it('labels its columns exactly as the ledger template does', () => {
    expect(LEDGER_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
  });
});
