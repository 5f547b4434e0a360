// The upload readers: CSV read as a stream whatever the chunking, and .xlsx cells turned into text.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvRecords, type CsvRecord } from '../../api/imports/csv-records';
import { cellText, xlsxRecords } from '../../api/imports/xlsx-records';

async function readAll(chunks: Buffer[]): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of csvRecords(Readable.from(chunks))) records.push(record);
  return records;
}

const TEXT =
  '\uFEFF走访对象类型,走访对象名称,备注\r\n' +
  '户,"周先生家","说""占道""手续，难办"\r\n' +
  '\r\n' +
  '学校,"兴义一中\n高中部",\n' +
  '企业,黔西南州某公司,末行无换行';

const EXPECTED: CsvRecord[] = [
  { row: 1, fields: ['走访对象类型', '走访对象名称', '备注'] },
  { row: 2, fields: ['户', '周先生家', '说"占道"手续，难办'] },
  { row: 4, fields: ['学校', '兴义一中\n高中部', ''] },
  { row: 5, fields: ['企业', '黔西南州某公司', '末行无换行'] },
];

describe('reading a CSV upload as a stream', () => {
  it('drops the BOM, keeps quoted commas, doubled quotes and line breaks, and numbers rows as a spreadsheet does', async () => {
    expect(await readAll([Buffer.from(TEXT, 'utf8')])).toEqual(EXPECTED);
  });

  it('reads the same records however the bytes are cut into chunks, even inside a character, a quote pair or a CRLF', async () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await readAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(EXPECTED);
    }
    const oneByteAtATime = Array.from(bytes, (b) => Buffer.from([b]));
    expect(await readAll(oneByteAtATime)).toEqual(EXPECTED);
  });

  it('reports a quote never closed, with the row it started in', async () => {
    await expect(readAll([Buffer.from('a,b\n1,"open\n2,3\n')])).rejects.toEqual(new CsvSyntaxError(2));
  });
});

describe('reading an .xlsx upload', () => {
  it('turns dates, numbers, rich text and formulas into the text a CSV would hold', () => {
    expect(cellText(new Date(Date.UTC(2026, 10, 30)))).toBe('2026-11-30');
    expect(cellText(new Date(Date.UTC(2026, 10, 30, 9, 30)))).toBe('2026-11-30T09:30:00+08:00');
    expect(cellText(42)).toBe('42');
    expect(cellText({ richText: [{ text: '周' }, { text: '先生' }] })).toBe('周先生');
    expect(cellText({ formula: 'A1', result: '社区' })).toBe('社区');
    expect(cellText(null)).toBe('');
  });

  it('streams the first sheet’s rows with their row numbers, skipping empty rows and other sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('走访');
    sheet.addRow(['走访对象类型', '走访对象名称', '走访日期']);
    sheet.addRow(['户', '周先生家', new Date(Date.UTC(2026, 10, 2))]);
    sheet.addRow([]);
    sheet.addRow(['学校', 12, '2026/11/3']);
    workbook.addWorksheet('说明').addRow(['不是走访']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const records: CsvRecord[] = [];
    for await (const record of xlsxRecords(Readable.from([buffer]))) records.push(record);
    expect(records).toEqual([
      { row: 1, fields: ['走访对象类型', '走访对象名称', '走访日期'] },
      { row: 2, fields: ['户', '周先生家', '2026-11-02'] },
      { row: 4, fields: ['学校', '12', '2026/11/3'] },
    ]);
  });
});
