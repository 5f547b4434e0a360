// Issue 15: the 走访登记 field form and the 走访进度 desk in a real browser (docs/console-field.md).
// A visitor on a 360 px phone records a visit with two problems while offline; it waits on the device
// (待发送) and is accepted (已受理, with case numbers) once the network is back — one visit, two cases.
// A send whose answer is lost stays queued and is sent again on reload with the same Idempotency-Key:
// the API answers the replay (200) and nothing is made twice. A refused visit is shown, not resent. The office sees the campaign's targets
// with progress bars and imports a CSV whose bad row comes back as a row error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import { logInWithPassword, scrollsSideways } from './console-pages';
import { startConsoleSystem, type ConsoleSystem } from './console-system';
import { caseNumbers, entryState, fillVisit, openDesk, outboxEntry } from './field-desks-pages';

const JOURNEY = 120_000;
/** 2026-11-02 → 2026年11月2日, as the console writes a day. */
const inWords = (day: string) => day.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true };
const beijingDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('走访登记 and 走访进度 in a real browser', () => {
  let sut: ConsoleSystem;
  let campaignId = '';

  const count = async (sql: string, ...params: string[]) =>
    (await sut.system.db.sql.unsafe<{ n: number }[]>(sql, params))[0]!.n;

  beforeAll(async () => {
    sut = await startConsoleSystem('field');
    const { sql } = sut.system.db;
    await personWith(sql, 'wang.fang', 'visitor', null, '王芳');
    await personWith(sql, 'li.na', 'office', null, '李娜');
    const created = await sut.system.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: bearer(await tokenFor(sql, 'office')),
      payload: {
        name: '大走访活动',
        startsOn: beijingDay(-30),
        endsOn: beijingDay(30),
        targets: [
          { targetType: 'household', count: 25_574 },
          { targetType: 'village', count: 135 },
          { unitId: 'xingtai-street', targetType: 'household', count: 4 },
          { unitId: 'qishe-town', targetType: 'village', count: 1 },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json<{ id: string }>().id;
  }, 600_000);

  afterAll(async () => {
    await sut?.stop();
  });

  it(
    'a visitor records a visit with two problems offline; it is sent once online, and a resend makes nothing twice',
    async () => {
      const page = await sut.newPage(PHONE);
      await logInWithPassword(page, sut.origin, 'wang.fang', GOOD_PASSWORD);
      await openDesk(page, 'field', '走访登记');
      await page.locator('.el-select', { hasText: '大走访活动' }).first().waitFor();

      await page.context().setOffline(true);
      await page.locator('[data-test="offline"]').waitFor();
      await fillVisit(page, {
        targetName: '周先生家',
        locality: '兴泰街道（兴义市）',
        notes: '入户走访，了解生产生活情况',
        problems: [
          { category: '占道经营', title: '店外占道促销手续难办', description: '希望对店面宣传方面适当放宽' },
          {
            category: '相邻关系纠纷',
            title: '修屋基挖毁上山便道',
            description: '新留通道坡度过陡',
            measures: '现场协调铺设砂石，双方认可',
          },
        ],
      });
      expect(await scrollsSideways(page)).toBe(false);
      await sut.screenshot(page, 'field-form-360');
      await page.getByRole('button', { name: '提交', exact: true }).click();

      const first = outboxEntry(page, '周先生家');
      await expect.poll(() => entryState(first).textContent()).toBe('待发送');
      await first.getByText('当前无网络，已保存在本机，联网后自动发送').waitFor();
      expect(await first.locator('.cases li', { hasText: '待发送' }).count()).toBe(2);
      expect(await count('SELECT count(*)::int AS n FROM visits')).toBe(0);
      await sut.screenshot(page, 'field-outbox-waiting-360');

      await page.context().setOffline(false);
      await first.locator('[data-test="entry-state"]', { hasText: '已受理' }).waitFor();
      const shown = await caseNumbers(first);
      expect(shown).toHaveLength(2);
      const stored = await sut.system.db.sql<{ id: string; visit_id: string }[]>`
        SELECT id, visit_id FROM cases ORDER BY reported_at, id`;
      expect(stored.map((c) => c.id).sort()).toEqual([...shown].sort());
      expect(await count('SELECT count(*)::int AS n FROM visits')).toBe(1);
      expect(new Set(stored.map((c) => c.visit_id)).size).toBe(1);
      expect(await scrollsSideways(page)).toBe(false);
      await sut.screenshot(page, 'field-outbox-accepted-360');

      // The second visit's answer is lost on the way back: the API stored it, the phone never heard.
      let lost!: () => void;
      const answerLost = new Promise<void>((resolve) => (lost = resolve));
      await page.route('**/v1/visits', async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
        lost();
      });
      await fillVisit(page, { targetName: '陈女士家', locality: '兴泰街道（兴义市）', notes: '回访', problems: [] });
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await answerLost;
      const second = outboxEntry(page, '陈女士家');
      await expect.poll(() => entryState(second).textContent()).toBe('待发送');
      expect(await count('SELECT count(*)::int AS n FROM visits')).toBe(2);
      await page.unroute('**/v1/visits');

      // Reloaded while it waits: the page sends it again with the same key; the API answers the replay.
      const replay = page.waitForResponse((r) => r.url().endsWith('/v1/visits') && r.request().method() === 'POST');
      await page.reload();
      expect((await replay).status()).toBe(200);
      await outboxEntry(page, '陈女士家').locator('[data-test="entry-state"]', { hasText: '已受理' }).waitFor();
      expect(await entryState(outboxEntry(page, '周先生家')).textContent()).toBe('已受理');
      expect(await page.locator('[data-test="resend"]').isDisabled()).toBe(true);
      expect(await count('SELECT count(*)::int AS n FROM visits')).toBe(2);
      expect(await count('SELECT count(*)::int AS n FROM cases')).toBe(2);
      expect(await count('SELECT count(*)::int AS n FROM visits WHERE campaign_id = $1', campaignId)).toBe(2);

      // A visit the API refuses (a day outside the campaign) is shown with the reason, not resent; fixed, it goes.
      await fillVisit(page, { targetName: '罗大爷家', locality: '兴泰街道（兴义市）', notes: '补录', problems: [] });
      await page.getByLabel('走访日期', { exact: true }).fill(beijingDay(60));
      await page.getByRole('button', { name: '提交', exact: true }).click();
      const refused = outboxEntry(page, '罗大爷家');
      await refused
        .getByText(`走访日期：须在活动期间内（${inWords(beijingDay(-30))}至${inWords(beijingDay(30))}）`)
        .waitFor();
      expect(await entryState(refused).textContent()).toBe('未通过');
      expect(await page.locator('[data-test="resend"]').isDisabled()).toBe(true);
      await sut.screenshot(page, 'field-outbox-refused-360');
      await refused.getByRole('button', { name: '修改后重新提交' }).click();
      await page.getByLabel('走访日期', { exact: true }).fill(beijingDay());
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await outboxEntry(page, '罗大爷家').locator('[data-test="entry-state"]', { hasText: '已受理' }).waitFor();
      expect(await page.locator('.outbox .entry', { hasText: '罗大爷家' }).count()).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM visits')).toBe(3);
    },
    JOURNEY,
  );

  it(
    'the office sees the targets with progress, imports a CSV and sees its bad row, and records a spot check',
    async () => {
      const page = await sut.newPage();
      await logInWithPassword(page, sut.origin, 'li.na', GOOD_PASSWORD);
      await openDesk(page, 'campaign-progress', '走访进度');
      const overall = page.locator('[data-test="overall"]');
      await overall.locator('[data-target-type="household"] [data-test="count"]', { hasText: '3 / 25,574' }).waitFor();
      await overall.locator('[data-target-type="village"] [data-test="count"]', { hasText: '0 / 135' }).waitFor();
      const xingtai = page.locator('[data-unit="xingtai-street"]');
      await xingtai.getByText('兴泰街道办事处').waitFor();
      await xingtai.locator('[data-test="count"]', { hasText: '0 / 4' }).waitFor();
      await sut.screenshot(page, 'campaign-progress');

      await page.getByRole('tab', { name: '导入走访记录' }).click();
      const csv = [
        '走访对象类型,走访对象名称,属地,走访日期,走访单位',
        `户,张某某家,xingtai,${beijingDay()},xingtai-street`,
        `外星,李某某家,xingtai,${beijingDay()},xingtai-street`,
      ].join('\n');
      await page.getByLabel('选择走访记录文件').setInputFiles({
        name: '走访记录.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await page.locator('[data-test="import-result"]', { hasText: '已导入 1 行，1 行有误未导入' }).waitFor();
      const rowError = page.locator('[data-test="row-errors"] .el-table__row');
      expect(await rowError.count()).toBe(1);
      expect(await rowError.first().innerText()).toMatch(/3\s+走访对象类型\s+须为 户、村寨、社区、企业、学校 之一/);
      await sut.screenshot(page, 'campaign-progress-import');

      await page.getByRole('tab', { name: '进度' }).click();
      await xingtai.locator('[data-test="count"]', { hasText: '1 / 4' }).waitFor();

      await page.getByRole('tab', { name: '日抽查' }).click();
      await page.getByLabel('抽查日期').fill(beijingDay());
      await page.getByRole('button', { name: '查看抽查样本' }).click();
      const check = page.locator('.check').first();
      await check.getByText(/^走访 · 户/).waitFor();
      await check.getByRole('button', { name: '通过', exact: true }).click();
      await check.getByText('核查通过').waitFor();
      expect(await count("SELECT count(*)::int AS n FROM spot_checks WHERE result = 'passed'")).toBe(1);
      await sut.screenshot(page, 'campaign-progress-spot-check');

      const phone = await sut.newPage(PHONE);
      await logInWithPassword(phone, sut.origin, 'li.na', GOOD_PASSWORD);
      // The phone's top menu folds the office's many desks under "…": the desk's address opens it.
      await phone.goto(`${sut.origin}/campaign-progress`);
      await phone.locator('[data-unit="xingtai-street"] [data-test="count"]', { hasText: '1 / 4' }).waitFor();
      expect(await scrollsSideways(phone)).toBe(false);
      await sut.screenshot(phone, 'campaign-progress-360');
    },
    JOURNEY,
  );
});
