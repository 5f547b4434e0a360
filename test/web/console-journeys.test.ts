// Issue 15, the web console (docs/console.md), driven through Chromium against the real system: the
// office triages a case to a unit; the unit signs for it, reports, resolves; the timeline names each
// person. A stale action shows the API's 409 in Chinese; an ended session returns to the login page;
// a phone-wide screen needs no sideways scroll.
// Cases are reported through the API (a visitor's field app would); everything after is clicks.
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFirstLoad } from '../../scripts/lib/web-build';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import {
  act,
  caseStatus,
  choose,
  inboxCount,
  inboxItem,
  logInWithPassword,
  menuCount,
  openCase,
  scrollsSideways,
  startAction,
  timelineEntry,
  waitForStatus,
} from './console-pages';
import { expectConsoleServed } from './console-serving';
import { startConsoleSystem, type ConsoleSystem } from './console-system';

const JOURNEY = 120_000;

describe('the web console in a real browser', () => {
  let sut: ConsoleSystem;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startConsoleSystem('console');
    const { sql } = sut.system.db;
    await personWith(sql, 'li.na', 'office', null, '李娜');
    await personWith(sql, 'zhang.wei', 'unit', 'city-management', '张伟');
    tokens.visitor = await tokenFor(sql, 'visitor');
    tokens.office = await tokenFor(sql, 'office');
    tokens.unit = await tokenFor(sql, 'unit', 'city-management');
  }, 600_000);

  afterAll(async () => {
    await sut?.stop();
  });

  /**
   * Setup through the API, as a client would: an action on a case reported a moment ago may be 503
   * while its workflow is being started (docs/intake.md), and is sent again under the same key.
   */
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const headers = { ...bearer(tokens[who]!), 'idempotency-key': randomUUID() };
    const send = () => sut.system.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    let response = await send();
    for (let attempt = 0; response.statusCode === 503 && attempt < 20; attempt++) {
      await setTimeout(250);
      response = await send();
    }
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<{ id: string; status: string }>();
  };

  /** A report nobody's rule routes (a category without an owner, in a place without a governing unit). */
  const reportUnroutedCase = async (title: string) => {
    const created = await call('visitor', 'POST', '/v1/cases', {
      kind: 'problem_clue',
      category: 'unowned',
      title,
      description: '村口道路积水，群众出行不便',
      locality: 'xingyi',
      reporter: { name: '王女士', phone: '13800002222' },
    });
    expect(created.status).toBe('triage');
    return created.id;
  };

  it('serves the console at / and its deep links, beside an API that answers as before', async () => {
    await expectConsoleServed(sut.system.app);
  });

  it('keeps the first load (before the login page shows) within 400 KB of gzipped JavaScript and CSS', () => {
    const { files, gzipBytes } = consoleFirstLoad();
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(gzipBytes).toBeLessThanOrEqual(400 * 1024);
  });

  let caseId = '';
  let office: Page;
  let unit: Page;

  it(
    'an office clerk logs in with a password, sees the inbox count, opens a triage case and assigns it to a unit',
    async () => {
      caseId = await reportUnroutedCase('村口道路积水');
      office = await sut.newPage();
      await logInWithPassword(office, sut.origin, 'li.na', GOOD_PASSWORD);
      await inboxItem(office, caseId).waitFor();
      expect(await inboxCount(office, 'triage')).toBe(1);
      expect(await menuCount(office)).toBeGreaterThanOrEqual(1);
      await sut.screenshot(office, 'office-inbox');

      await openCase(office, caseId);
      expect(await caseStatus(office).textContent()).toContain('待分诊');
      await office.getByText('审计链完整').waitFor();
      await sut.screenshot(office, 'office-case-triage');

      await act(office, '交办', '已交办', async (form) => {
        await choose(office, form.getByLabel('牵头单位'), '综合行政执法局');
        await form.getByLabel('备注').fill('请尽快核实处理');
      });
      await waitForStatus(office, '待签收');
      expect(await timelineEntry(office, 'assigned').textContent()).toContain('责任人：李娜');
    },
    JOURNEY,
  );

  it(
    "that unit's clerk signs for it, reports weekly and resolves it; the timeline names each person",
    async () => {
      unit = await sut.newPage();
      await logInWithPassword(unit, sut.origin, 'zhang.wei', GOOD_PASSWORD);
      const item = inboxItem(unit, caseId);
      await item.waitFor();
      expect(await item.textContent()).toContain('待签收');
      // The browser runs in Los Angeles; the due time is Beijing's, as the API's own sentence says it.
      const due = /截止 (\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2})/.exec((await item.textContent()) ?? '')?.[1];
      expect(due).toBeDefined();
      expect(await item.locator('.why').textContent()).toContain(due);
      await sut.screenshot(unit, 'unit-inbox');

      await openCase(unit, caseId);
      await act(unit, '签收', '已签收');
      await waitForStatus(unit, '办理中');
      await act(unit, '上报周报', '周报已上报', async (form) => {
        await form.getByLabel('进展情况').fill('已现场查看，正在组织疏通排水沟');
        await form.getByLabel('完成进度（%）').fill('40');
      });
      await timelineEntry(unit, 'report_submitted').waitFor();
      await act(unit, '办结', '已办结，待回访', async (form) => {
        await form.getByLabel('办理措施').fill('疏通排水沟 50 米，修补路面');
        await form.getByLabel('办理结果').fill('积水已排除，道路恢复通行');
      });
      await waitForStatus(unit, '待回访');

      const who = '责任人：张伟（综合行政执法局）';
      expect(await timelineEntry(unit, 'assigned').textContent()).toContain('责任人：李娜');
      expect(await timelineEntry(unit, 'accepted').textContent()).toContain(who);
      const report = await timelineEntry(unit, 'report_submitted').textContent();
      expect(report).toContain(who);
      expect(report).toContain('已现场查看，正在组织疏通排水沟');
      expect(await timelineEntry(unit, 'resolved').textContent()).toContain(who);
      await sut.screenshot(unit, 'unit-case-resolved');
    },
    JOURNEY,
  );

  it(
    'an action made stale by someone else answers 409, shown in Chinese with the case’s status now',
    async () => {
      const staleId = await reportUnroutedCase('路灯不亮');
      await call('office', 'POST', `/v1/cases/${staleId}/assign`, { lead: 'city-management' });
      await unit.goto(`${sut.origin}/cases/${staleId}`);
      await unit.locator('.case-actions').getByRole('button', { name: '签收', exact: true }).waitFor();
      // A colleague signs for it from another screen while this one still offers 签收.
      await call('unit', 'POST', `/v1/cases/${staleId}/accept`, {});

      const dialog = await startAction(unit, '签收');
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('案件状态已变化，此操作已不可用，案件当前状态：办理中');
      await sut.screenshot(unit, 'stale-action-409', { fullPage: false });
      await dialog.getByRole('button', { name: '刷新案件' }).click();
      await waitForStatus(unit, '办理中');
    },
    JOURNEY,
  );

  it(
    'a session ended elsewhere sends the clerk to the login page and back to where they were; 退出 ends it',
    async () => {
      await office.goto(`${sut.origin}/cases/${caseId}`);
      await office.locator('.case-actions').waitFor();
      // The bearer ends on the server, as when an admin disables the account or resets its password.
      const bearerToken = await office.evaluate<string>("JSON.parse(sessionStorage.getItem('duban.session')).token");
      const ended = await sut.system.app.inject({
        method: 'DELETE',
        url: '/v1/sessions/current',
        headers: bearer(bearerToken),
      });
      expect(ended.statusCode).toBe(204);

      await office.locator('[data-desk="inbox"]').click();
      await office.getByRole('button', { name: '登录' }).waitFor();
      expect(new URL(office.url()).searchParams.get('redirect')).toBe('/inbox');
      await logInWithPassword(office, office.url(), 'li.na', GOOD_PASSWORD);
      expect(new URL(office.url()).pathname).toBe('/inbox');

      await office.getByRole('button', { name: '退出' }).click();
      await office.getByRole('button', { name: '登录' }).waitFor();
      await office.goto(`${sut.origin}/inbox`);
      await office.getByRole('button', { name: '登录' }).waitFor();
      expect(await office.evaluate<string | null>("sessionStorage.getItem('duban.session')")).toBeNull();
    },
    JOURNEY,
  );

  it(
    'a phone 360 px wide shows the login, the inbox and a case without sideways scrolling',
    async () => {
      const waiting = await reportUnroutedCase('垃圾清运不及时，村民反映强烈，请尽快安排清运车辆并建立长效机制');
      await call('office', 'POST', `/v1/cases/${waiting}/assign`, { lead: 'city-management' });
      const phone = await sut.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await phone.goto(`${sut.origin}/`);
      await phone.getByRole('button', { name: '登录' }).waitFor();
      expect(await scrollsSideways(phone)).toBe(false);
      await sut.screenshot(phone, 'phone-login');
      await logInWithPassword(phone, sut.origin, 'zhang.wei', GOOD_PASSWORD);
      await inboxItem(phone, waiting).waitFor();
      expect(await scrollsSideways(phone)).toBe(false);
      await sut.screenshot(phone, 'phone-inbox');
      await openCase(phone, waiting);
      expect(await scrollsSideways(phone)).toBe(false);
      await sut.screenshot(phone, 'phone-case');

      // The office has the most desks in its menu: on a phone they must fold, not push the page wider.
      const officePhone = await sut.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await logInWithPassword(officePhone, sut.origin, 'li.na', GOOD_PASSWORD);
      await officePhone.locator('.counts [data-kind="triage"]').waitFor();
      expect(await scrollsSideways(officePhone)).toBe(false);
      await sut.screenshot(officePhone, 'phone-office-inbox');
    },
    JOURNEY,
  );
});
