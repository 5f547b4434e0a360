// GET /v1/cases (the ledger), its counts and its exports over HTTP: scoped per caller, filters that
// can only narrow, keyset pages, and .xlsx/.csv that hold exactly what the caller may see.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

describe('the ledger over HTTP', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem('ledger');
    ({ db, app } = system);
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.cityManagement = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.justice = await tokenFor(db.sql, 'unit', 'justice-bureau');
    const report = async (key: string, payload: object) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(tokens.visitor!),
        payload,
      });
      ids[key] = response.json<{ id: string }>().id;
    };
    await report('street', {
      kind: 'suggestion',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望放宽店面宣传',
      locality: 'xingtai',
      reporter: { name: '周建国', phone: '13800001234' },
    });
    await report('road', {
      kind: 'conflict_risk',
      category: 'neighbour-dispute',
      title: '修整屋基挖毁上山便道',
      description: '便道坡度过陡，农用机械无法通过',
      locality: 'qishe-magenao',
      priority: 'high',
    });
    for (let i = 0; i < 3; i++) {
      await report(`extra${i}`, {
        kind: 'problem_clue',
        category: 'street-vending',
        title: `夜市占道 ${i}`,
        description: '占道',
        locality: 'xingtai',
      });
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  const list = (who: string, query = '') =>
    app.inject({ url: `/v1/cases${query}`, headers: bearer(tokens[who]!) }).then((r) => {
      expect(r.statusCode).toBe(200);
      return r.json<{ items: Array<{ id: string; reporter: { name: string } | null }>; nextCursor: string | null }>();
    });

  it('shows the office every case and a unit only the cases it leads or co-handles', async () => {
    expect((await list('office')).items).toHaveLength(5);
    const mine = (await list('cityManagement')).items.map((c) => c.id);
    expect(mine).toHaveLength(4);
    expect(mine).not.toContain(ids.road);
    expect((await list('justice')).items.map((c) => c.id)).toEqual([ids.road]);
  });

  it('a filter on another unit narrows to nothing instead of widening scope', async () => {
    expect((await list('justice', '?unit=city-management')).items).toEqual([]);
  });

  it('filters by locality subtree, priority and Chinese free text', async () => {
    expect((await list('office', '?locality=qishe')).items.map((c) => c.id)).toEqual([ids.road]);
    expect((await list('office', '?priority=high')).items.map((c) => c.id)).toEqual([ids.road]);
    expect((await list('office', `?q=${encodeURIComponent('上山便道')}`)).items.map((c) => c.id)).toEqual([ids.road]);
  });

  it('pages with an opaque cursor without repeating or skipping a case', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list('office', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
  });

  it('masks the reporter in the list for a co-handler and shows it to the lead', async () => {
    const street = (await list('cityManagement')).items.find((c) => c.id === ids.street);
    expect(street?.reporter?.name).toBe('周建国');
    const coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
    tokens.coHandler = coHandler;
    const masked = (await list('coHandler')).items.find((c) => c.id === ids.street);
    expect(masked?.reporter?.name).toBe('周某某');
  });

  it('counts per status and unit under the same scope', async () => {
    const counts = await app.inject({ url: '/v1/ledger/counts', headers: bearer(tokens.justice!) });
    expect(counts.json()).toMatchObject({ total: 1 });
  });

  it('exports .xlsx with the office columns, only the rows the caller may see', async () => {
    const response = await app.inject({ url: '/v1/ledger.xlsx', headers: bearer(tokens.justice!) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    expect(sheet.rowCount).toBe(2);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('修整屋基挖毁上山便道');
  });

  it('exports CSV in UTF-8 with a BOM, and refuses visitors', async () => {
    const response = await app.inject({ url: '/v1/ledger.csv?status=queued', headers: bearer(tokens.office!) });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body.split('\r\n').filter(Boolean)).toHaveLength(6);
    expect((await app.inject({ url: '/v1/ledger.csv', headers: bearer(tokens.visitor!) })).statusCode).toBe(403);
  });
});
