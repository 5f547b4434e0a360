// Issue 15: an axe-core check on every desk, against the real system — no violation of impact
// `serious` or `critical` (docs/console.md, Accessibility). Each role logs in through the login page
// and opens every desk it has (plus a case with its action dialogs, the 交办单, the tabs of 设置 and
// 走访进度, and the field form on a 360 px phone); axe runs once the desk's heading is shown and nothing
// is loading or moving. All findings of a role fail together, each with its rule, advice and first
// targets, so one run shows everything to fix.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import { actionDialog, describeViolations, seriousViolations, tabView, tour, type Stop } from './axe';
import { logInWithPassword } from './console-pages';
import { startConsoleSystem, type ConsoleSystem } from './console-system';

const ROLE_TOUR = 90_000;

interface Counts {
  byStatus: Record<string, number>;
}

describe('axe-core finds no serious or critical violation on any desk', () => {
  let sut: ConsoleSystem;
  const tokens: Record<string, string> = {};
  const cases = { triage: '', queued: '' };
  let dispatchId = '';

  beforeAll(async () => {
    sut = await startConsoleSystem('accessibility');
    const { sql } = sut.system.db;
    await personWith(sql, 'li.na', 'office', null, '李娜');
    await personWith(sql, 'zhang.wei', 'unit', 'city-management', '张伟');
    await personWith(sql, 'zhao.min', 'leader', null, '赵敏');
    await personWith(sql, 'wang.fang', 'visitor', null, '王芳');
    await personWith(sql, 'wang.admin', 'admin', null, '王强');
    tokens.visitor = await tokenFor(sql, 'visitor');
    tokens.office = await tokenFor(sql, 'office');
    // Content for the tables and the case page: one case waiting for triage, one routed to a unit and
    // dispatched in a batch (its 交办单).
    cases.triage = await report('村口道路积水', 'unowned', 'xingyi');
    cases.queued = await report('兴泰街道占道经营', 'street-vending', 'xingtai');
    await vi.waitFor(
      async () =>
        expect((await call<Counts>('office', 'GET', '/v1/ledger/counts?status=queued')).byStatus.queued).toBe(1),
      { timeout: 30_000, interval: 200 },
    );
    dispatchId = (await call<{ id: string }>('office', 'POST', '/v1/dispatches')).id;
    // A campaign under way, for 走访进度 and the field form's campaign.
    const day = (offset: number) =>
      new Date(Date.now() + (8 * 3600 + offset * 86_400) * 1000).toISOString().slice(0, 10);
    const targets = [{ targetType: 'household', count: 120 }];
    await call('office', 'POST', '/v1/campaigns', { name: '大走访活动', startsOn: day(-30), endsOn: day(30), targets });
  }, 600_000);

  afterAll(async () => {
    await sut?.stop();
  });

  async function call<T>(who: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
    const response = await sut.system.app.inject({ method, url, headers: bearer(tokens[who]!), payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json<T>();
  }

  async function report(title: string, category: string, locality: string): Promise<string> {
    const payload = { kind: 'problem_clue', category, title, description: `${title}，群众反映强烈`, locality };
    return (await call<{ id: string }>('visitor', 'POST', '/v1/cases', payload)).id;
  }

  /**
   * The console's Content-Security-Policy (script-src 'self') refuses the inline <script> that carries
   * axe-core into the page; the test's browser context lets it in. Nothing axe checks depends on CSP.
   */
  const newPage = (options: BrowserContextOptions = {}) => sut.newPage({ bypassCSP: true, ...options });

  async function loggedIn(login: string, options?: BrowserContextOptions): Promise<Page> {
    const page = await newPage(options);
    await logInWithPassword(page, sut.origin, login, GOOD_PASSWORD);
    return page;
  }

  const inbox: Stop = { path: 'inbox', heading: '工作台' };
  const triage: Stop = { path: 'triage-dispatch', heading: '分诊与交办', ready: '[data-test="dispatch-queue"]' };
  const dispatchSheet = (): Stop => ({ path: `dispatches/${dispatchId}`, heading: '督办交办单' });
  const ledger: Stop = { path: 'ledger', heading: '整改台账', ready: '[data-test="ledger-rows"] .el-table__row' };
  const statistics: Stop = { path: 'statistics', heading: '统计与通报', ready: '[data-test="figure-table"]' };
  const cockpit: Stop = { path: 'cockpit', heading: '驾驶舱', ready: '[data-test="overdue-cases"]' };
  const progress: Stop = { path: 'campaign-progress', heading: '走访进度', ready: '[data-test="overall"]' };
  /** A case page; `views` opens its action dialogs. */
  const casePage = (id: string, ...views: NonNullable<Stop['views']>): Stop => ({
    path: `cases/${id}`,
    ready: '.case-actions',
    views,
  });
  /** 设置, each tab by its address (?tab=), waited for by its own section. */
  const settingsTabs = ['accounts', 'units', 'localities', 'categories', 'routing', 'calendar'].map((tab): Stop => ({
    path: `settings?tab=${tab}`,
    heading: '设置',
    ready: `section.${tab}`,
  }));

  it('the login page, on a desk and on a phone', async () => {
    const findings: string[] = [];
    for (const viewport of [undefined, { width: 360, height: 740 }]) {
      const page = await newPage(viewport ? { viewport } : {});
      await page.goto(`${sut.origin}/login`);
      await page.getByRole('heading', { name: '督办工作台' }).waitFor();
      const violations = await seriousViolations(page);
      if (violations.length) findings.push(describeViolations(`login ${viewport?.width ?? 1280}px`, violations));
    }
    expect(findings.join('\n')).toBe('');
  });

  it(
    'the office: every desk and its tabs, a case with its 交办 and 关闭 dialogs, the 交办单',
    async () => {
      const page = await loggedIn('li.na');
      const officeProgress: Stop = {
        ...progress,
        views: [tabView('导入走访记录', '.visit-import'), tabView('日抽查', 'input[aria-label="抽查日期"]')],
      };
      const stops = [inbox, triage, dispatchSheet(), ledger, statistics, cockpit, officeProgress, ...settingsTabs];
      stops.push(casePage(cases.triage, actionDialog('交办')), casePage(cases.triage, actionDialog('关闭')));
      const findings = await tour(page, sut.origin, 'office', stops);
      await sut.screenshot(page, 'accessibility-office-close-dialog', { fullPage: false });
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );

  it(
    'the office on a 390 px phone: every desk named in the menu, the inbox and the ledger',
    async () => {
      const page = await loggedIn('li.na', { viewport: { width: 390, height: 844 }, hasTouch: true });
      const findings = await tour(page, sut.origin, 'office 390px', [inbox, ledger]);
      await sut.screenshot(page, 'accessibility-office-390');
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );

  it(
    "a unit's clerk: inbox, ledger, statistics and its case with the 退回 dialog",
    async () => {
      const page = await loggedIn('zhang.wei');
      const stops = [inbox, ledger, statistics, casePage(cases.queued, actionDialog('退回'))];
      const findings = await tour(page, sut.origin, 'unit', stops);
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );

  it(
    'a leader: every desk, a case and the 交办单',
    async () => {
      const page = await loggedIn('zhao.min');
      const stops = [inbox, triage, dispatchSheet(), ledger, statistics, cockpit, progress, casePage(cases.queued)];
      const findings = await tour(page, sut.origin, 'leader', stops);
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );

  it(
    'a visitor on a 360 px phone: the inbox and the field form with a problem added',
    async () => {
      const page = await loggedIn('wang.fang', { viewport: { width: 360, height: 740 }, hasTouch: true });
      const addProblem = {
        name: 'with a problem',
        open: async () => {
          await page.getByRole('button', { name: '＋ 添加问题' }).click();
          await page.getByText('问题 1', { exact: true }).waitFor();
        },
      };
      const field: Stop = { path: 'field', heading: '走访登记', views: [addProblem] };
      const findings = await tour(page, sut.origin, 'visitor 360px', [inbox, field]);
      await sut.screenshot(page, 'accessibility-field-360');
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );

  it(
    'an admin: inbox, progress, every settings tab and the 新建账号 dialog',
    async () => {
      const page = await loggedIn('wang.admin');
      const newAccount = {
        name: '新建账号 dialog',
        open: async () => {
          await page.getByRole('button', { name: '新建账号' }).click();
          await page.getByRole('dialog', { name: '新建账号' }).waitFor();
        },
      };
      const [accounts, ...otherTabs] = settingsTabs;
      const stops = [inbox, progress, { ...accounts!, views: [newAccount] }, ...otherTabs];
      const findings = await tour(page, sut.origin, 'admin', stops);
      expect(findings.join('\n')).toBe('');
    },
    ROLE_TOUR,
  );
});
