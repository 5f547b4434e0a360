// Issue 13, "Limits that hold": an .xlsx visit import is checked whole before anything is parsed or
// stored. A zip bomb (a small file that inflates past the limit) is refused from its directory alone,
// one whose directory understates its sizes once it inflates past them, a sheet past the row limit
// by its rows; each answers problem+json, stores nothing and leaves no temporary file behind.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_LIMITS } from '../../api/imports/xlsx-limits';
import { createCampaign } from '../../shared/db/campaigns';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { deflatedPart, repeatedPart, zipOf, type ZipPart } from './zip-builder';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'xl/worksheets/sheet1.xml';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const MiB = 1024 * 1024;

describe('.xlsx import limits', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let visitor = '';
  let campaignId = '';
  /** The parts of a real one-visit workbook, the worksheet left out for each test to supply. */
  const parts: ZipPart[] = [];
  let realSheet: ZipPart;
  /** This file's own temporary directory (forks run one file per process), so others' imports cannot show up in it. */
  let spoolRoot = '';
  const systemTmp = process.env.TMPDIR;

  beforeAll(async () => {
    spoolRoot = await mkdtemp(join(tmpdir(), 'xlsx-limits-'));
    process.env.TMPDIR = spoolRoot;
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    visitor = await tokenFor(db.sql, 'visitor');
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const campaign = { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] };
    campaignId = (await createCampaign(db.sql, campaign, actor)).id;
    api = await buildTestApp(db.sql);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('visits');
    sheet.addRow(['targetType', 'targetName', 'locality', 'visitedAt']);
    sheet.addRow(['household', '周先生家', 'xingtai', '2026-03-05']);
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)) {
      const part = deflatedPart(name, await zip.file(name)!.async('nodebuffer'));
      if (name === SHEET) realSheet = part;
      else parts.push(part);
    }
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
    await rm(spoolRoot, { recursive: true, force: true });
  });

  const upload = (file: Buffer) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaignId}/visits/import`,
      headers: { ...bearer(visitor), 'content-type': XLSX },
      payload: file,
    });
  const leftBehind = () => readdir(spoolRoot);
  const stored = async () =>
    (
      await db.sql<{ n: number }[]>`SELECT (SELECT count(*) FROM visits) + (SELECT count(*) FROM visit_imports) AS n`
    )[0]!.n;

  async function expectRefused(file: Buffer, status: number, detail: RegExp) {
    const response = await upload(file);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, detail: expect.stringMatching(detail) as unknown });
    expect(Number(await stored())).toBe(0);
    expect(await leftBehind()).toEqual([]);
  }

  it('refuses a zip bomb (1 MiB inflating to 1 GiB) from its directory: 413, nothing stored', async () => {
    const bomb = zipOf([...parts, repeatedPart(SHEET, SHEET_HEAD, Buffer.alloc(MiB, ' '), 1024, SHEET_TAIL)]);
    expect(bomb.length).toBeLessThan(2 * MiB);
    await expectRefused(bomb, 413, /inflates to \d+ bytes, more than 268435456/);
  });

  it('refuses a zip whose directory understates what a part inflates to: 422, nothing stored', async () => {
    const liar = repeatedPart(SHEET, SHEET_HEAD, Buffer.alloc(MiB, ' '), 64, SHEET_TAIL);
    await expectRefused(
      zipOf([...parts, { ...liar, declaredSize: 4096 }]),
      422,
      /inflates to more than the 4096 bytes/,
    );
  });

  it('refuses a worksheet past the row limit before reading a row: 413, nothing stored', async () => {
    const rows = Buffer.from('<row r="2"><c r="A2"><v>1</v></c></row>'.repeat(1000));
    const times = XLSX_LIMITS.rows / 1000 + 1;
    await expectRefused(
      zipOf([...parts, repeatedPart(SHEET, SHEET_HEAD, rows, times, SHEET_TAIL)]),
      413,
      /more than 200000 rows/,
    );
  });

  it('refuses a file that is not a zip with 422, and imports a real workbook within the limits', async () => {
    await expectRefused(Buffer.from('PK not really a zip'), 422, /not a readable \.xlsx/);
    const response = await upload(zipOf([...parts, realSheet]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1, failed: 0 });
    expect(await leftBehind()).toEqual([]);
  });
});
