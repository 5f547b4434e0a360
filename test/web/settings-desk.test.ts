// Issue 15, the 设置 desk (docs/console-settings.md) in a real browser against the real system: an
// admin creates an account (a weak password refused under its field first), sets a category's
// 办结时限 to 15 个工作日, edits the routing rules (the rule the API refused shown on its row), previews
// their effect on cases reported for it, publishes after a preview (again, once another admin has
// published meanwhile) and finds it in 版本记录; adds a holiday to next year's calendar; the office
// meets the API's 403 in Chinese and previews a draft on a phone with no publish offered. Each change
// is read back over the API; each tab is photographed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import { describeViolations, seriousViolations } from './axe';
import { choose, logInWithPassword, scrollsSideways } from './console-pages';
import { startConsoleSystem, type ConsoleSystem } from './console-system';
import {
  dialogTitled,
  fieldErrorOf,
  formItem,
  loadingDone,
  openSettingsTab,
  ruleRow,
  setDuration,
  tableRow,
  toast,
  toastsGone,
  unitShiftRow,
  versionRow,
  whatIfDialog,
  whatIfFigure,
} from './settings-pages';

const JOURNEY = 120_000;

describe('the settings desk in a real browser', () => {
  let sut: ConsoleSystem;
  let adminToken = '';
  let visitorToken = '';
  let admin: Page;

  beforeAll(async () => {
    sut = await startConsoleSystem('settings');
    const { sql } = sut.system.db;
    await personWith(sql, 'wang.admin', 'admin', null, '王强');
    await personWith(sql, 'li.na', 'office', null, '李娜');
    adminToken = await tokenFor(sql, 'admin');
    visitorToken = await tokenFor(sql, 'visitor');
  }, 600_000);

  afterAll(async () => {
    await sut?.stop();
  });

  const shot = async (page: Page, name: string, options?: { fullPage: boolean }) => {
    await loadingDone(page);
    await sut.screenshot(page, name, options);
  };

  /** Reads back what the UI saved, as any client of the API would. */
  const read = async <T>(url: string): Promise<T> => {
    const response = await sut.system.app.inject({ method: 'GET', url, headers: bearer(adminToken) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  /** The dialogs this desk adds are not on the accessibility test's tour: axe checks them here. */
  const noSeriousViolations = async (page: Page, where: string) => {
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(where, violations)).toEqual([]);
  };

  /** A past case, reported over the API as the field app would: what the preview compares. */
  const report = async (category: string, locality: string): Promise<string> => {
    const response = await sut.system.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitorToken),
      payload: { kind: 'problem_clue', category, title: '走访发现的问题', description: '群众反映的问题', locality },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  };

  it(
    'an admin creates an account: a weak password is refused under its field, then the account is made',
    async () => {
      // bypassCSP: axe-core is carried into the page by an inline script (test/web/axe.ts).
      admin = await sut.newPage({ bypassCSP: true });
      await logInWithPassword(admin, sut.origin, 'wang.admin', GOOD_PASSWORD);
      await openSettingsTab(admin, '账号');
      await tableRow(admin, 'wang.admin').waitFor();
      await shot(admin, 'settings-accounts');

      await admin.getByRole('button', { name: '新建账号' }).click();
      const form = dialogTitled(admin, '新建账号');
      await form.getByLabel('登录名').fill('zhao.lei');
      await form.getByLabel('姓名').fill('赵磊');
      // The select's box, not its role="combobox" input: Element Plus keeps that input zero-wide until
      // something is typed, so a browser will not click it.
      await choose(admin, formItem(form, '角色').locator('.el-select'), '责任单位');
      await choose(admin, formItem(form, '单位').locator('.el-select'), '综合行政执法局');
      await form.getByLabel('初始密码').fill('short1');
      await form.getByRole('button', { name: '创建' }).click();
      const passwordError = fieldErrorOf(form, '初始密码');
      await passwordError.waitFor();
      expect(await passwordError.textContent()).toContain('密码至少 10 个字符');
      await shot(admin, 'settings-accounts-weak-password', { fullPage: false });

      await form.getByLabel('初始密码').fill('Qiao-2026-spring');
      await form.getByRole('button', { name: '创建' }).click();
      await toast(admin, '已创建账号 zhao.lei').waitFor();
      expect(await tableRow(admin, 'zhao.lei').textContent()).toContain('综合行政执法局');

      const accounts = await read<{ items: Array<{ login: string; role: string; unitId: string | null }> }>(
        '/v1/accounts?limit=200',
      );
      expect(accounts.items.find((account) => account.login === 'zhao.lei')).toMatchObject({
        role: 'unit',
        unitId: 'city-management',
      });
    },
    JOURNEY,
  );

  it(
    'edits a unit (an internal webhook refused under its field) and adds a child to the locality tree',
    async () => {
      await openSettingsTab(admin, '单位');
      await tableRow(admin, '综合行政执法局').getByRole('button', { name: '编辑' }).click();
      const unitForm = dialogTitled(admin, '编辑单位：综合行政执法局');
      await unitForm.getByLabel('负责人', { exact: true }).fill('刘洋');
      // An address inside the office network: the API refuses it (DUBAN_WEBHOOK_ALLOW names none here).
      await unitForm.getByLabel('推送地址').fill('http://127.0.0.1:8080/hook');
      await unitForm.getByRole('button', { name: '保存' }).click();
      const webhookError = fieldErrorOf(unitForm, '推送地址');
      await webhookError.waitFor();
      expect(await webhookError.textContent()).toContain('127.0.0.1 是本机或内网地址');
      await shot(admin, 'settings-units-webhook-refused', { fullPage: false });
      await unitForm.getByLabel('推送地址').fill('');
      await unitForm.getByRole('button', { name: '保存' }).click();
      await toast(admin, '已保存 综合行政执法局').waitFor();
      await tableRow(admin, '刘洋').waitFor();
      await shot(admin, 'settings-units');

      await openSettingsTab(admin, '区划');
      // The tree's rows by their locality code: a name's text also matches every row above it.
      const qishe = admin.locator('.node[data-code="qishe"]');
      await qishe.getByRole('button', { name: '添加下级' }).click();
      const form = dialogTitled(admin, '在「七舍镇」下添加区划');
      await form.getByLabel('区划编码').fill('qishe-nongchang');
      await form.getByLabel('区划名称').fill('农场村');
      await form.getByRole('button', { name: '添加' }).click();
      await toast(admin, '已添加区划 农场村').waitFor();
      await admin.locator('.node[data-code="qishe-nongchang"]').waitFor();
      await shot(admin, 'settings-localities');
      const children = await read<{ items: Array<{ code: string }> }>('/v1/localities?parentCode=qishe');
      expect(children.items.map((locality) => locality.code)).toContain('qishe-nongchang');
    },
    JOURNEY,
  );

  it(
    "sets a category's 办结时限 to 15 个工作日, saved as a new policy version",
    async () => {
      await openSettingsTab(admin, '类别与时限');
      const row = tableRow(admin, '占道经营');
      await row.getByRole('button', { name: '调整时限' }).click();
      const dialog = dialogTitled(admin, '时限设置：占道经营');
      const item = await setDuration(admin, dialog, '办结时限', 15, '个工作日');
      expect(await item.locator('[data-test="reads"]').textContent()).toBe('15 个工作日');
      await shot(admin, 'settings-policy-dialog', { fullPage: false });
      await dialog.getByRole('button', { name: '保存为新版本' }).click();
      await toast(admin, '已保存「占道经营」的时限（第 2 版）').waitFor();
      await row.locator('[data-field="resolveWithin"]', { hasText: '15 个工作日' }).waitFor();
      await shot(admin, 'settings-categories');

      const category = await read<{ policyVersion: number; policy: { resolveWithin: unknown } }>(
        '/v1/categories/street-vending',
      );
      expect(category.policyVersion).toBe(2);
      expect(category.policy.resolveWithin).toEqual({ workingDays: 15 });
    },
    JOURNEY,
  );

  it(
    'previews a rule change (the refused rule on its row first), publishes it after the preview, and lists it in 版本记录',
    async () => {
      // Past cases to compare: 占道经营 in 兴泰街道 goes to its business owner, 综合行政执法局, with the
      // street's office co-handling; 其他 in 兴义市 has nobody and waits in triage.
      const streetVending = [
        await report('street-vending', 'xingtai'),
        await report('street-vending', 'xingtai'),
        await report('street-vending', 'xingtai'),
      ];
      await report('neighbour-dispute', 'qishe');
      await report('unowned', 'xingyi');

      await openSettingsTab(admin, '分办规则');
      await admin.locator('[data-test="rules-version"]', { hasText: '现行第 1 版' }).waitFor();
      await admin.getByRole('button', { name: '添加规则' }).click();
      const added = ruleRow(admin, 1);
      // The id of the rule already there: the API refuses a draft with one id twice, before previewing.
      await added.id.fill('r-village-disputes');
      await choose(admin, added.category, '占道经营');
      await choose(admin, added.locality, '兴泰街道');
      await choose(admin, added.lead, '属地单位（按区划）');
      await admin.getByRole('button', { name: '校验并发布' }).click();
      const problem = added.problems.getByRole('alert');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('规则编号 r-village-disputes 被 2 条规则使用');
      await toastsGone(admin);
      await shot(admin, 'settings-routing-refused');

      await added.id.fill('r-street-vending');
      await admin.getByRole('button', { name: '预览影响' }).click();
      const dialog = whatIfDialog(admin);
      await whatIfFigure(dialog, 'cases').filter({ hasText: '5 件' }).waitFor();
      expect(await whatIfFigure(dialog, 'changedLead').textContent()).toContain('3 件');
      expect(await whatIfFigure(dialog, 'changedCoHandlers').textContent()).toContain('3 件');
      expect(await whatIfFigure(dialog, 'toTriage').textContent()).toContain('分诊 1 → 1 件');
      // The street's office now leads what 综合行政执法局 led; by name, never by code.
      expect(await unitShiftRow(dialog, '兴泰街道办事处').textContent()).toMatch(/0 → 3.*3 → 0/);
      expect(await unitShiftRow(dialog, '综合行政执法局').textContent()).toContain('3 → 0');
      const example = dialog.locator('[data-example]').first();
      expect(await example.textContent()).toMatch(/占道经营.*兴泰街道.*3 件/);
      expect(await example.locator('[data-side="after"]').textContent()).toContain('牵头：兴泰街道办事处');
      expect(streetVending).toContain(await example.getAttribute('data-example'));
      await sut.screenshot(admin, 'settings-what-if', { fullPage: false });
      await noSeriousViolations(admin, 'the what-if dialog');

      // Meanwhile another admin publishes: the preview no longer compares with the version in force.
      const meanwhile = await sut.system.app.inject({
        method: 'PUT',
        url: '/v1/routing-rules',
        headers: bearer(adminToken),
        payload: { rules: (await read<{ rules: unknown[] }>('/v1/routing-rules')).rules },
      });
      expect(meanwhile.statusCode, meanwhile.body).toBe(200);
      await dialog.getByRole('button', { name: '确认发布' }).click();
      const stale = dialog.getByRole('alert').filter({ hasText: '已有他人发布了新版本' });
      await stale.waitFor();
      await sut.screenshot(admin, 'settings-what-if-stale', { fullPage: false });
      await stale.getByRole('button', { name: '重新预览' }).click();
      await dialog.getByText('与现行第 2 版比较').waitFor();
      await whatIfFigure(dialog, 'changedLead').filter({ hasText: '3 件' }).waitFor();
      await dialog.getByRole('button', { name: '确认发布' }).click();
      await toast(admin, '已发布第 3 版分办规则').waitFor();
      await admin.locator('[data-test="rules-version"]', { hasText: '现行第 3 版' }).waitFor();

      await versionRow(admin, 3).filter({ hasText: '预览后发布' }).waitFor();
      expect(await versionRow(admin, 3).textContent()).toContain('王强');
      expect(await versionRow(admin, 2).textContent()).toContain('未经预览');
      await versionRow(admin, 3).getByRole('button', { name: '查看' }).click();
      const version = dialogTitled(admin, '分办规则第 3 版');
      const previewLine = version.locator('[data-test="version-preview"]');
      await previewLine.waitFor();
      expect(await previewLine.textContent()).toMatch(/与第\s*2\s*版比较.*比对案件 5 件.*牵头单位改变\s*3\s*件/s);
      expect(await version.locator('.el-table__body').textContent()).toContain('属地单位');
      await shot(admin, 'settings-routing-version', { fullPage: false });
      await noSeriousViolations(admin, 'a version of the rules');
      await version.locator('.el-dialog__headerbtn').click();
      await shot(admin, 'settings-routing');

      const published = await read<{ version: number; previewId: string | null; rules: unknown[] }>(
        '/v1/routing-rules/versions/3',
      );
      expect(published.previewId).not.toBeNull();
      expect(published.rules).toContainEqual({
        id: 'r-street-vending',
        category: 'street-vending',
        locality: 'xingtai',
        lead: 'locality',
      });
    },
    JOURNEY,
  );

  it(
    "adds a holiday to next year's calendar and sees the new version",
    async () => {
      const nextYear =
        Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format()) + 1;
      await openSettingsTab(admin, '工作日历');
      const year = admin.getByLabel('年份');
      await year.fill(String(nextYear));
      await year.press('Enter');
      const version = admin.locator('[data-test="calendar-version"]');
      await version.filter({ hasText: `${nextYear} 年` }).waitFor();
      const before = await read<{ version: number }>(`/v1/calendar/${nextYear}`);

      const day = `${nextYear}-01-01`;
      await admin.locator(`.el-calendar [data-day="${day}"]`).click();
      await admin.getByRole('button', { name: '设为放假' }).click();
      await admin.locator(`.list[data-list="holidays"] [data-day="${day}"]`).waitFor();
      await admin.getByRole('button', { name: '保存为新版本' }).click();
      await toast(admin, `已保存 ${nextYear} 年工作日历`).waitFor();
      await version.filter({ hasText: '现行第' }).waitFor();
      await shot(admin, 'settings-calendar');

      const after = await read<{ version: number; source: string; holidays: string[] }>(`/v1/calendar/${nextYear}`);
      expect(after.source).toBe('override');
      expect(after.version).toBeGreaterThan(before.version);
      expect(after.holidays).toContain(day);
      expect(await version.textContent()).toContain(`现行第 ${after.version} 版`);
    },
    JOURNEY,
  );

  it(
    'the office reads the settings but is told in Chinese that accounts are for admins',
    async () => {
      const office = await sut.newPage();
      await logInWithPassword(office, sut.origin, 'li.na', GOOD_PASSWORD);
      await openSettingsTab(office, '账号');
      const refusal = office.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('仅限系统管理员');
      await shot(office, 'settings-office-403');
      await office.getByRole('tab', { name: '类别与时限', exact: true }).click();
      await tableRow(office, '占道经营').waitFor();

      // The office previews a draft (without the new rule, 兴泰街道's cases go back), on a phone, but
      // publishing is the admins': no publish button, and the dialog says so.
      await office.setViewportSize({ width: 390, height: 844 });
      await office.getByRole('tab', { name: '分办规则', exact: true }).click();
      await office.locator('[data-test="rules-version"]', { hasText: '现行第 3 版' }).waitFor();
      expect(await office.getByRole('button', { name: '校验并发布' }).count()).toBe(0);
      await ruleRow(office, 1).row.getByRole('button', { name: '删除' }).click();
      await office.getByRole('button', { name: '预览影响' }).click();
      const dialog = whatIfDialog(office);
      await unitShiftRow(dialog, '兴泰街道办事处').filter({ hasText: '3 → 0' }).waitFor();
      await dialog.locator('[data-test="publish-needs-admin"]', { hasText: '发布需管理员' }).waitFor();
      expect(await dialog.getByRole('button', { name: '确认发布' }).count()).toBe(0);
      expect(await scrollsSideways(office)).toBe(false);
      await sut.screenshot(office, 'settings-what-if-office-phone', { fullPage: false });
      await dialog.locator('[data-test="publish-needs-admin"]').scrollIntoViewIfNeeded();
      await sut.screenshot(office, 'settings-what-if-office-phone-footer', { fullPage: false });
    },
    JOURNEY,
  );
});
