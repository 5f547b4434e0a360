// Issue 15's office desks in Chromium against the real system (docs/console.md): 分诊与交办 — the
// office assigns a triage case from its card (with the API's routing explanation), dispatches the
// queued cases with 交办 and opens the batch's printable 交办单; 整改台账 — filters by status and unit,
// hides a column (remembered across a reload), pages, downloads the API's .xlsx; a unit's ledger holds
// its own cases only. Cases are reported over the API (a field app would); the rest is clicks.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import { logInWithPassword, scrollsSideways } from './console-pages';
import { startConsoleSystem, type ConsoleSystem } from './console-system';
import {
  assignFromTriage,
  columnHeader,
  ledgerRowIds,
  ledgerTotal,
  openDesk,
  pickFilter,
  search,
  triageCard,
} from './office-desks-pages';

const JOURNEY = 180_000;

describe('分诊与交办 and 整改台账 in a real browser', () => {
  let sut: ConsoleSystem;
  let visitorToken = '';
  let office: Page;

  beforeAll(async () => {
    sut = await startConsoleSystem('office-desks');
    const { sql } = sut.system.db;
    await personWith(sql, 'li.na', 'office', null, '李娜');
    await personWith(sql, 'zhang.wei', 'unit', 'city-management', '张伟');
    visitorToken = await tokenFor(sql, 'visitor');
  }, 600_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, page] of sut.browser
      .contexts()
      .flatMap((c) => c.pages())
      .entries())
      await sut.screenshot(page, `office-desks-failed-${i}`);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const report = async (title: string, category: string, locality: string, expected: string) => {
    const response = await sut.system.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitorToken),
      payload: { kind: 'problem_clue', category, title, description: `${title}，群众反映强烈`, locality },
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<{ id: string; status: string }>();
    expect(created.status).toBe(expected);
    return created.id;
  };

  const triaged = { id: '', title: '村口道路积水' };
  const queued = { id: '', title: '兴泰街道占道经营' };

  it(
    'the office assigns a triage case, dispatches the queue with 交办 and opens the printable 交办单',
    async () => {
      // No owner for 其他 and no governing unit for 兴义市: no rule, no default, so triage.
      triaged.id = await report(triaged.title, 'unowned', 'xingyi', 'triage');
      // 占道经营 has an owner: queued for 综合行政执法局 with 兴泰街道办事处 co-handling.
      queued.id = await report(queued.title, 'street-vending', 'xingtai', 'queued');

      office = await sut.newPage();
      await logInWithPassword(office, sut.origin, 'li.na', GOOD_PASSWORD);
      await openDesk(office, 'triage-dispatch', '分诊与交办');

      const card = triageCard(office, triaged.id);
      await card.getByText(triaged.title).waitFor();
      await card.getByText('无匹配规则，转人工分诊').waitFor();
      const explanation = await card.locator('[data-test="routing-explanation"] li').allTextContents();
      expect(explanation.join(' ')).toContain('兴义市及其上级区划均无属地管理单位：转人工分诊');
      await office.locator('[data-test="dispatch-queue"]').getByText(queued.title).waitFor();
      await sut.screenshot(office, 'triage-dispatch-desk');

      await assignFromTriage(office, triaged.id, '综合行政执法局', '请尽快核实处理');
      await triageCard(office, triaged.id).waitFor({ state: 'detached' });

      await office.getByRole('button', { name: '交办', exact: true }).click();
      const result = office.locator('[data-test="batch-result"]');
      await result.getByText(`${queued.title} → 综合行政执法局`).waitFor();
      expect(await result.textContent()).toMatch(/第 \d+ 批/);
      await office.locator('[data-test="dispatch-queue"]').getByText('没有待交办的案件').waitFor();
      await office.locator('[data-test="batches"]').getByText('集中交办').waitFor();
      await sut.screenshot(office, 'triage-dispatch-batch');

      await result.getByRole('link', { name: '查看交办单' }).click();
      const sheet = office.locator('.sheet').first();
      await sheet.getByText(queued.title).waitFor();
      const sheetText = (await sheet.textContent()) ?? '';
      expect(sheetText).toContain('综合行政执法局');
      expect(sheetText).toContain('兴泰街道办事处'); // the co-handler, by name
      expect(sheetText).toContain('兴泰街道'); // the place
      expect(sheetText).toMatch(/交办日期：\d{4}年\d{1,2}月\d{1,2}日/);
      expect(sheetText).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/); // the sign-for due, Beijing time
      expect(sheetText).toContain('签收后'); // not signed for yet: the policy's resolution time
      await office.getByRole('button', { name: '打印' }).waitFor();
      await office.emulateMedia({ media: 'print' });
      expect(await office.locator('.shell .side').isVisible()).toBe(false);
      expect(await office.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
      await sut.screenshot(office, 'triage-dispatch-sheet-print');
      await office.emulateMedia({ media: 'screen' });
    },
    JOURNEY,
  );

  it(
    'the ledger filters by status and unit, hides a column, pages and exports .xlsx; a unit sees only its own',
    async () => {
      // Eleven disputes in 七舍镇 go to 司法局 by rule: 13 cases in all, two pages of 10.
      const disputes: string[] = [];
      for (let i = 1; i <= 11; i++)
        disputes.push(await report(`邻里纠纷第${i}件`, 'neighbour-dispute', 'qishe', 'queued'));

      await openDesk(office, 'ledger', '整改台账');
      await ledgerTotal(office).getByText('共 13 件').waitFor();

      await pickFilter(office, '办理状态', '待交办');
      await search(office);
      await ledgerTotal(office).getByText('共 11 件').waitFor();
      expect(new Set(await ledgerRowIds(office))).toEqual(new Set(disputes));

      await office.locator('.ledger-filters').getByRole('button', { name: '重置' }).click();
      await ledgerTotal(office).getByText('共 13 件').waitFor();
      await pickFilter(office, '责任单位', '综合行政执法局');
      await search(office);
      await ledgerTotal(office).getByText('共 2 件').waitFor();
      expect(new Set(await ledgerRowIds(office))).toEqual(new Set([triaged.id, queued.id]));
      await sut.screenshot(office, 'ledger-filtered');

      // 列设置: hide 属地; the choice outlives a reload (localStorage).
      await columnHeader(office, '属地').waitFor();
      await office.getByRole('button', { name: '列设置' }).click();
      // Element Plus draws its own box over a hidden input: the person clicks the label.
      await office.locator('.el-popover .choices').getByText('属地', { exact: true }).click();
      expect(await office.getByRole('checkbox', { name: '属地' }).isChecked()).toBe(false);
      await columnHeader(office, '属地').waitFor({ state: 'detached' });
      await office.reload();
      await ledgerTotal(office).getByText('共 13 件').waitFor();
      await columnHeader(office, '牵头单位').waitFor();
      expect(await columnHeader(office, '属地').count()).toBe(0);

      // Paging: 10 a page, the next page has the other 3, and 上一页 returns to the first 10.
      await office.locator('.pager .el-select__wrapper').click(); // the wrapper: its label lies over the input
      await office.getByRole('option', { name: '每页 10 条' }).click();
      await office.locator('[data-test="page-number"]', { hasText: '第 1 页' }).waitFor();
      await expect.poll(() => ledgerRowIds(office)).toHaveLength(10);
      const firstPage = await ledgerRowIds(office);
      await office.getByRole('button', { name: '下一页' }).click();
      await office.locator('[data-test="page-number"]', { hasText: '第 2 页' }).waitFor();
      await expect.poll(() => ledgerRowIds(office)).toHaveLength(3);
      const secondPage = await ledgerRowIds(office);
      expect(new Set([...firstPage, ...secondPage]).size).toBe(13);
      expect(await office.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
      await sut.screenshot(office, 'ledger-page-2');

      const [download] = await Promise.all([
        office.waitForEvent('download'),
        office.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^整改台账_\d{4}年\d{1,2}月\d{1,2}日\.xlsx$/);
      const file = readFileSync(await download.path());
      expect(file.subarray(0, 2).toString('latin1')).toBe('PK');

      // A row opens the case's page.
      await office.locator('[data-test="ledger-rows"] .title', { hasText: '邻里纠纷第1件' }).click();
      await office.waitForURL(`**/cases/${disputes[0]}`);

      const unit = await sut.newPage();
      await logInWithPassword(unit, sut.origin, 'zhang.wei', GOOD_PASSWORD);
      await openDesk(unit, 'ledger', '整改台账');
      await ledgerTotal(unit).getByText('共 2 件').waitFor();
      expect(new Set(await ledgerRowIds(unit))).toEqual(new Set([triaged.id, queued.id]));
      await sut.screenshot(unit, 'ledger-unit');

      // The unit opens the 交办单 of the batch that handed it the case: its own sheet, no other unit's.
      await unit.goto(`${sut.origin}/cases/${queued.id}`);
      await unit.locator('.event[data-event-type="dispatched"]').getByRole('link', { name: '查看交办单' }).click();
      const ownSheet = unit.locator('.sheet');
      await ownSheet.first().getByText(queued.title).waitFor();
      expect(await ownSheet.count()).toBe(1);
      expect(await ownSheet.first().getAttribute('data-unit-id')).toBe('city-management');
      await sut.screenshot(unit, 'dispatch-sheet-unit');
      await openDesk(unit, 'ledger', '整改台账');

      // A township clerk may read it on a phone: the table scrolls inside itself, the page does not.
      await unit.setViewportSize({ width: 360, height: 780 });
      await ledgerTotal(unit).getByText('共 2 件').waitFor();
      expect(await scrollsSideways(unit)).toBe(false);
      await sut.screenshot(unit, 'ledger-unit-phone');
    },
    JOURNEY,
  );
});
