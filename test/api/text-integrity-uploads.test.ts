// An imported file is bytes, not JSON: U+0000 in a cell is a row error (PostgreSQL stores none), and a
// lone surrogate cannot reach PostgreSQL (issue 12). Invalid UTF-8 in a CSV, even the bytes a UTF-16
// surrogate would have (ED A0 80), is read as U+FFFD, as the WHATWG decoder does; an .xlsx cell
// spelling a surrogate as a character reference (&#xD800;) makes the file unreadable, a 422.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../shared/db/campaigns';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'targetType,targetName,locality,visitedAt,notes\r\n';

/**
 * An .xlsx whose shared string `PLACEHOLDER` is replaced by raw `xml`: a workbook exceljs would never
 * write. JSZip is the zip library exceljs writes with (its dependency, so the same version).
 */
async function xlsxWithRawXml(rows: string[][], xml: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('visits');
  for (const row of rows) sheet.addRow(row);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
  if (!strings.includes('PLACEHOLDER')) throw new Error('exceljs no longer writes shared strings');
  zip.file('xl/sharedStrings.xml', strings.replace('PLACEHOLDER', xml));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('text in an imported file', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let office: string;
  let campaignId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    office = await tokenFor(db.sql, 'office');
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const campaign = { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] };
    campaignId = (await createCampaign(db.sql, campaign, actor)).id;
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  const upload = (payload: string | Buffer, contentType: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaignId}/visits/import`,
      headers: { ...bearer(office), 'content-type': contentType },
      payload,
    });

  it('U+0000 in a cell of a CSV: that row fails with a row error, the other rows are stored', async () => {
    const csv =
      HEADER +
      'school,兴义一中,xingtai,2026-03-02,\r\n' +
      'school,兴义\u0000二中,xing\u0000tai,2026-03-02,备\u0000注\r\n';
    const response = await upload(csv, 'text/csv');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      imported: 1,
      failed: 1,
      errors: [
        { row: 3, field: 'targetName', message: 'must not contain U+0000 (NUL)' },
        { row: 3, field: 'notes', message: 'must not contain U+0000 (NUL)' },
        { row: 3, field: 'locality', message: 'must not contain U+0000 (NUL)' },
      ],
    });
    expect(await db.sql`SELECT target_name FROM visits`).toEqual([{ target_name: '兴义一中' }]);
  });

  it('invalid UTF-8 in a CSV, a surrogate encoded included, is stored and echoed as U+FFFD', async () => {
    const surrogateBytes = Buffer.from([0xed, 0xa0, 0x80]);
    const csv = Buffer.concat([
      Buffer.from(HEADER + 'school,三'),
      surrogateBytes,
      Buffer.from('中,xingtai,2026-03-02,\r\nschool,四中,xing'),
      surrogateBytes,
      Buffer.from('tai,2026-03-02,'),
      Buffer.from([0xf0, 0x9f]), // a four-byte sequence cut short at the end of the file
    ]);
    const response = await upload(csv, 'text/csv');
    expect(response.statusCode).toBe(200);
    const result = response.json<{ importId: string }>();
    expect(result).toMatchObject({
      imported: 1,
      failed: 1,
      errors: [{ row: 3, field: 'locality', message: 'no locality with code or name xing\ufffd\ufffd\ufffdtai' }],
    });
    const [visit] = await db.sql<{ name: string }[]>`
      SELECT target_name AS name FROM visits WHERE import_id = ${result.importId}`;
    expect(visit!.name).toBe('三\ufffd\ufffd\ufffd中');
    const [stored] = await db.sql<{ errors: string }[]>`
      SELECT errors::text AS errors FROM visit_imports WHERE id = ${result.importId}`;
    expect(stored!.errors).toContain('xing\ufffd\ufffd\ufffdtai');
  });

  it('an .xlsx cell holding &#xD800; makes the file unreadable: 422, and nothing is stored', async () => {
    const before = await db.sql`SELECT id FROM visits`;
    const file = await xlsxWithRawXml(
      [
        ['targetType', 'targetName', 'locality', 'visitedAt'],
        ['school', 'PLACEHOLDER', 'xingtai', '2026-03-02'],
      ],
      'ab&#xD800;cd',
    );
    const response = await upload(file, XLSX);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ detail: string }>().detail).toContain('malformed character entity');
    expect(await db.sql`SELECT id FROM visits`).toEqual(before);
  });

  it('the same workbook with a well-formed reference (&#x4E2D;, 中) imports: only the surrogate was refused', async () => {
    const file = await xlsxWithRawXml(
      [
        ['targetType', 'targetName', 'locality', 'visitedAt'],
        ['school', 'PLACEHOLDER', 'xingtai', '2026-03-02'],
      ],
      'ab&#x4E2D;cd',
    );
    const response = await upload(file, XLSX);
    expect(response.json()).toMatchObject({ imported: 1, failed: 0 });
    expect(await db.sql`SELECT 1 FROM visits WHERE target_name = 'ab中cd'`).toHaveLength(1);
  });
});
