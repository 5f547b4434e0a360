// Importing visits from CSV and .xlsx: row-level errors with the valid rows kept, BOM and Chinese
// headers, dates as typed or as spreadsheet dates, a refused header, a retried upload, a large file.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../shared/db/campaigns';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('importing visits', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  let office = '';
  let campaignId = '';

  beforeAll(async () => {
    system = await startSystem('visit-import');
    app = system.app;
    office = await tokenFor(system.db.sql, 'office');
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    campaignId = (
      await createCampaign(
        system.db.sql,
        { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] },
        actor,
      )
    ).id;
  });
  afterAll(async () => system?.stop());

  const upload = (payload: string | Buffer, contentType: string, headers: object = {}, token = office) =>
    app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaignId}/visits/import`,
      headers: { ...bearer(token), 'content-type': contentType, ...headers },
      payload,
    });
  const visitsOf = async (importId: string) =>
    system.db.sql<{ row: number; type: string; name: string; locality: string; unit: string | null; day: string }[]>`
      SELECT source_row AS row, target_type AS type, target_name AS name, locality, unit_id AS unit,
             to_char(visited_on, 'YYYY-MM-DD') AS day
      FROM visits WHERE import_id = ${importId} ORDER BY source_row`;

  it('CSV with a BOM and Chinese headers: bad rows are reported by row and field, valid rows are kept', async () => {
    const csv =
      '\uFEFF序号,走访对象类型,走访对象名称,属地,走访日期,走访单位,备注\r\n' +
      '1,户,周先生家,兴泰街道,2026/3/5,兴泰街道办事处,占道手续\r\n' +
      '2,村寨,马革闹村,qishe-magenao,2026年4月1日,qishe-town,\r\n' +
      '3,工厂,某厂,兴泰街道,2026-03-05,,\r\n' +
      '4,学校,,火星,2026-02-30,不存在的单位,\r\n' +
      '5,社区,"兴泰社区,二组",xingtai,2026-05-01,,\r\n' +
      '6,企业,黔西南州某公司,xingtai,2026-03-31 16:30,,"说""占道"""\r\n';
    const response = await upload(csv, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    const result = response.json<{ importId: string; imported: number; failed: number; errors: unknown[] }>();
    expect(result).toMatchObject({ imported: 3, failed: 3, errorsTruncated: false });
    expect(result.errors).toEqual([
      { row: 4, field: 'targetType', message: expect.stringContaining('户, 村寨, 社区, 企业, 学校') as unknown },
      { row: 5, field: 'targetName', message: 'is required' },
      { row: 5, field: 'locality', message: 'no locality with code or name 火星' },
      { row: 5, field: 'unitId', message: 'no unit with code or name 不存在的单位' },
      { row: 5, field: 'visitedAt', message: expect.stringContaining('must be a date') as unknown },
      { row: 6, field: 'visitedAt', message: 'must fall within the campaign, 2026-03-01 to 2026-04-30' },
    ]);
    expect(await visitsOf(result.importId)).toEqual([
      { row: 2, type: 'household', name: '周先生家', locality: 'xingtai', unit: 'xingtai-street', day: '2026-03-05' },
      { row: 3, type: 'village', name: '马革闹村', locality: 'qishe-magenao', unit: 'qishe-town', day: '2026-04-01' },
      { row: 7, type: 'enterprise', name: '黔西南州某公司', locality: 'xingtai', unit: null, day: '2026-03-31' },
    ]);
  });

  it('xlsx with the English field names and real spreadsheet dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('visits');
    sheet.addRow(['targetType', 'targetName', 'locality', 'visitedAt', 'unitId', 'notes']);
    sheet.addRow(['school', '兴义一中', 'xingtai', new Date(Date.UTC(2026, 3, 2)), 'xingtai-street', '安全教育']);
    sheet.addRow(['学校', '七舍中学', '七舍镇', new Date(Date.UTC(2026, 3, 3, 9, 30)), '', null]);
    sheet.addRow(['household', '夏某某家', 'qishe', new Date(Date.UTC(2026, 5, 1)), '', '']);
    const response = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(response.statusCode).toBe(200);
    const result = response.json<{ importId: string; imported: number; failed: number; errors: unknown[] }>();
    expect(result).toMatchObject({ imported: 2, failed: 1, errors: [{ row: 4, field: 'visitedAt' }] });
    expect(await visitsOf(result.importId)).toEqual([
      { row: 2, type: 'school', name: '兴义一中', locality: 'xingtai', unit: 'xingtai-street', day: '2026-04-02' },
      { row: 3, type: 'school', name: '七舍中学', locality: 'qishe', unit: null, day: '2026-04-03' },
    ]);
    const [at] = await system.db.sql<{ at: Date }[]>`
      SELECT visited_at AS at FROM visits WHERE import_id = ${result.importId} AND source_row = 3`;
    expect(at!.at.toISOString()).toBe('2026-04-03T01:30:00.000Z'); // 09:30 in Beijing
  });

  it('a file without a required column is refused whole (422 naming it) and stores nothing', async () => {
    const before = await system.db.sql`SELECT 1 FROM visits`;
    const response = await upload('走访对象类型,走访对象名称,走访日期\n户,周先生家,2026-03-05\n', CSV);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ errors: [{ path: 'header.locality', message: 'missing column' }] });
    expect((await system.db.sql`SELECT 1 FROM visits`).length).toBe(before.length);
    expect((await upload(Buffer.from('not a zip file'), XLSX)).statusCode).toBe(422);
    expect((await upload('{}', 'application/json')).statusCode).toBe(415);
  });

  it('a retried upload with the same Idempotency-Key answers the first result and stores nothing twice', async () => {
    const csv = 'targetType,targetName,locality,visitedAt\nhousehold,曾某某家,xingtai,2026-03-06\n';
    const key = { 'idempotency-key': 'import-2026-03-06' };
    const first = await upload(csv, CSV, key);
    const again = await upload(csv, CSV, key);
    expect(again.json()).toEqual(first.json());
    expect(await visitsOf(first.json<{ importId: string }>().importId)).toHaveLength(1);
  });

  it('25,574 household rows (the seed city’s count) import in one streaming pass with batched inserts', async () => {
    const lines = ['走访对象类型,走访对象名称,属地,走访日期,走访单位'];
    for (let i = 0; i < 25_574; i++) {
      lines.push(
        `户,住户${i},${i % 2 ? 'xingtai' : 'qishe-magenao'},2026-04-${String((i % 30) + 1).padStart(2, '0')},`,
      );
    }
    lines.push('户,坏行,xingtai,2026-13-01,');
    const started = performance.now();
    const response = await upload(lines.join('\n'), CSV);
    const seconds = (performance.now() - started) / 1000;
    expect(response.json()).toMatchObject({
      imported: 25_574,
      failed: 1,
      errors: [{ row: 25_576, field: 'visitedAt' }],
    });
    console.info(`imported 25,574 rows in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30);
  });

  it('a unit may not import (403); an unknown campaign is 404', async () => {
    const unit = await tokenFor(system.db.sql, 'unit', 'qishe-town');
    expect((await upload('a\n', CSV, {}, unit)).statusCode).toBe(403);
    const missing = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/00000000-0000-4000-8000-000000000000/visits/import',
      headers: { ...bearer(office), 'content-type': CSV },
      payload: 'a\n',
    });
    expect(missing.statusCode).toBe(404);
  });
});
