// 周调度、月小结: figures checked against hand-computed ones on a generated week of cases, the
// ranking and slow units, stored vs live, the .xlsx and HTML forms, and who may read them.
// The ranking is the statistics' fair ranking (docs/statistics.md, issue 14): the old rule (resolved ÷
// workload) ranked a unit with one resolved case first; now each unit of this small week has fewer than
// 5 closable cases, so all are 样本不足 (rank 0), listed by unit id, and 办结率 is closed ÷ closable.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUnit } from '../../shared/db/reference';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import { A, B, C, D, H, NASTY, expectedWeek, tellTheWeek, withAnyName, zero } from './support/bulletin-week';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 2026-W10 under the fair rule. Cases first handed over in the week (the closable cohort): A c2; B c3;
 * C c5 (closed 03-06) and c6 (first assigned 03-06, to A, then to C, its lead now); D c11. So 办结率 is
 * 0 for A, B and D, ½ for C; nobody reaches the minimum sample of 5: all rank 0, ordered by unit id.
 */
const closeRates: Record<string, number | null> = { [A]: 0, [B]: 0, nasty: null, [D]: 0, [C]: 0.5 };
const fairWeek = Object.entries(closeRates).map(([unitId, resolutionRate]) => ({
  ...expectedWeek.find((u) => u.unitId === unitId)!,
  rank: 0,
  resolutionRate,
}));

describe('weekly bulletin and monthly summary', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem('bulletins');
    app = system.app;
    await upsertUnit(system.db.sql, { id: 'nasty', name: NASTY, kind: 'department' });
    tokens.office = await tokenFor(system.db.sql, 'office');
    tokens.leader = await tokenFor(system.db.sql, 'leader');
    tokens.visitor = await tokenFor(system.db.sql, 'visitor');
    tokens.unit = await tokenFor(system.db.sql, 'unit', A);
    await tellTheWeek(system.db.sql);
  });
  afterAll(async () => system?.stop());

  const get = (who: string, url: string, headers: object = {}) =>
    app.inject({ method: 'GET', url, headers: { ...bearer(tokens[who]!), ...headers } });

  it('per-unit figures of a past week match the hand-computed ones; units under the minimum sample are 样本不足', async () => {
    const response = await get('office', '/v1/bulletins/weekly?week=2026-W10');
    expect(response.statusCode).toBe(200);
    const bulletin = response.json<{ units: object[]; totals: object; slowUnits: object[] }>();
    expect(bulletin).toMatchObject({
      kind: 'weekly',
      period: '2026-W10',
      startsAt: '2026-03-01T16:00:00.000Z',
      endsAt: '2026-03-08T16:00:00.000Z',
      complete: true,
      source: 'live',
    });
    expect(bulletin.units).toEqual(fairWeek.map(withAnyName));
    // The city's totals count each case once, even one handed to two units (c6).
    expect(bulletin.totals).toEqual({
      ...zero,
      assigned: 6,
      accepted: 4,
      pendingAccept: 2,
      inProgress: 4,
      resolved: 3,
      overdue: 1,
      missedReports: 1,
      escalations: 2,
      medianAcceptSeconds: 14 * H,
      medianResolveSeconds: 48 * H,
    });
    expect(bulletin.slowUnits).toEqual([
      { unitId: A, unitName: '综合行政执法局', reasons: ['missed_reports'] },
      { unitId: B, unitName: '司法局', reasons: ['overdue', 'escalated'] },
      { unitId: D, unitName: '七舍镇人民政府', reasons: ['slow_accept'] },
    ]);
  });

  it('the monthly summary counts the whole month, with holdings as of its end', async () => {
    const response = await get('leader', '/v1/summaries/monthly?month=2026-03');
    const summary = response.json<{
      units: Array<{ unitId: string }>;
      totals: { assigned: number; resolved: number };
    }>();
    expect(summary.totals).toMatchObject({ assigned: 7, resolved: 4 });
    expect(summary.units.find((u) => u.unitId === A)).toMatchObject({
      assigned: 4, // c2, c6, c7 and c10 (dispatched on Sunday 03-01, before the week)
      accepted: 2,
      resolved: 2,
      pendingAccept: 1, // c7, never signed for
      inProgress: 0, // c2 was resolved on 03-10
    });
  });

  it('the workflow stores the week (idempotently), the API then answers the stored row, and the bulletin is notified once', async () => {
    const run = (id: string) =>
      executeWorkflow(system.temporal.client, 'weeklyBulletinWorkflow', {
        workflowId: id,
        taskQueue: system.temporal.taskQueue,
        args: [{ week: '2026-W10' }],
      });
    const first = await run('bulletin-w10-a');
    const second = await run('bulletin-w10-b');
    expect(second).toMatchObject({ period: '2026-W10', units: 5, slowUnits: [A, B, D] });
    expect(Date.parse(second.computedAt)).toBeGreaterThanOrEqual(Date.parse(first.computedAt));
    const rows = await system.db.sql`SELECT unit_id FROM bulletin_units WHERE kind = 'weekly' AND period = '2026-W10'`;
    expect(rows).toHaveLength(5);

    const stored = (await get('office', '/v1/bulletins/weekly?week=2026-W10')).json<{
      source: string;
      units: object[];
      computedAt: string;
    }>();
    expect(stored).toMatchObject({ source: 'stored', computedAt: second.computedAt });
    expect(stored.units).toEqual(fairWeek.map(withAnyName));

    const notices = await system.db.sql<{ kind: string; recipients: string[]; subject: string }[]>`
      SELECT kind, recipient_unit_ids AS recipients, subject FROM notifications WHERE id = 'bulletin-2026-W10'`;
    expect(notices).toEqual([
      { kind: 'bulletin', recipients: ['leadership', 'office', A, B, D], subject: '周调度进度通报（2026-W10）' },
    ]);
  });

  it('without a week the current Beijing week is computed live; a future week is 422, an impossible one 400', async () => {
    const current = (await get('office', '/v1/bulletins/weekly')).json<{
      source: string;
      complete: boolean;
      endsAt: string;
    }>();
    expect(current).toMatchObject({ source: 'live', complete: false });
    expect(Date.parse(current.endsAt)).toBeGreaterThan(Date.now());
    expect((await get('office', '/v1/bulletins/weekly?week=2099-W01')).statusCode).toBe(422);
    expect((await get('office', '/v1/bulletins/weekly?week=2027-W53')).statusCode).toBe(400);
    expect((await get('office', '/v1/summaries/monthly?month=2026-13')).statusCode).toBe(400);
  });

  it('the .xlsx (by Accept or ?format) reads back with exceljs: one row per unit in rank order, then the totals', async () => {
    for (const request of [
      get('office', '/v1/bulletins/weekly?week=2026-W10', { accept: XLSX }),
      get('leader', '/v1/bulletins/weekly?week=2026-W10&format=xlsx'),
    ]) {
      const response = await request;
      expect(response.headers['content-type']).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('各单位办理情况')!;
      const rows = sheet.getSheetValues().slice(1) as unknown[][];
      expect(rows[0]!.slice(1, 4)).toEqual(['排名', '单位', '交办']);
      expect(rows[5]!.slice(1)).toEqual(['样本不足', '兴泰街道办事处', 2, 2, 0, 1, 1, '50.0%', 0, 0, 0, 13, 48]);
      expect(rows[2]!.slice(1, 3)).toEqual(['样本不足', '司法局']);
      expect(rows[2]![14]).toBe('有超期、被升级督办');
      expect(rows[3]!.slice(1, 3)).toEqual(['样本不足', NASTY]);
      expect(rows[6]!.slice(2, 8)).toEqual(['合计', 6, 4, 2, 4, 3]);
      expect(workbook.getWorksheet('说明')!.getCell('B1').value).toBe('周调度进度通报（2026-W10）');
    }
  });

  it('the printable HTML escapes every value and carries a print stylesheet', async () => {
    const response = await get('office', '/v1/summaries/monthly?month=2026-03&format=html');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toContain('<h1>月小结（2026-03）</h1>');
    expect(html).toContain('&lt;b&gt;&quot;危险&quot;&amp;单位&lt;/b&gt;');
    expect(html).not.toContain(NASTY);
    expect(html).not.toContain('<b>');
    expect(html).toContain('@media print');
    expect(html).toContain('统计周期：2026-03-01 至 2026-03-31');
  });

  it('a unit or a visitor may not read bulletins or summaries (403)', async () => {
    for (const who of ['unit', 'visitor']) {
      expect((await get(who, '/v1/bulletins/weekly?week=2026-W10')).statusCode).toBe(403);
      expect((await get(who, '/v1/summaries/monthly?month=2026-03&format=html')).statusCode).toBe(403);
    }
  });
});
