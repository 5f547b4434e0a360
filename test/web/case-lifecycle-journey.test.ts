// Issue 15: a case's whole life through the console in Chromium against the real system
// (docs/console.md, docs/domain.md "Case lifecycle"). The office assigns it; the unit's clerk signs
// for it, reports, asks for an extension (first with bad input: the API's refusal shows next to the
// field); the office approves the extension from its 工作台; the unit resolves; the office's follow-up
// is unsatisfied, so the case comes back to the unit as 重办; resolved again, followed up satisfied,
// it is closed, and its timeline names the person behind every step.
// The case is reported through the API (a visitor's field app would); everything after is clicks.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, personWith } from '../accounts/people';
import { bearer, tokenFor } from '../support/fixtures';
import { act, caseStatus, choose, logInWithPassword, startAction, timelineEntry, waitForStatus } from './console-pages';
import { startConsoleSystem, type ConsoleSystem } from './console-system';
import {
  answer,
  backToInbox,
  beijingWallClock,
  fieldError,
  inboxItemOfKind,
  openFromInbox,
  timelineSteps,
  typeDateTime,
} from './case-lifecycle-pages';

const JOURNEY = 180_000;
const OFFICE = '李娜';
const CLERK = '张伟（综合行政执法局）';

describe('a case from assignment to closing, with an extension and a rework, in a real browser', () => {
  let sut: ConsoleSystem;
  let visitorToken = '';
  let office: Page;
  let unit: Page;
  let caseId = '';

  beforeAll(async () => {
    sut = await startConsoleSystem('lifecycle');
    const { sql } = sut.system.db;
    await personWith(sql, 'li.na', 'office', null, OFFICE);
    await personWith(sql, 'zhang.wei', 'unit', 'city-management', '张伟');
    visitorToken = await tokenFor(sql, 'visitor');
  }, 600_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, page] of sut.browser
      .contexts()
      .flatMap((c) => c.pages())
      .entries())
      await sut.screenshot(page, `lifecycle-failed-${i}`);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  /** The deadline in force, as the case's page would read it (the API's instant). */
  const deadlineOf = async (): Promise<number> => {
    const response = await sut.system.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: bearer(visitorToken),
    });
    expect(response.statusCode, response.body).toBe(200);
    return Date.parse(response.json<{ deadline: string }>().deadline);
  };

  it(
    'the office assigns the case; the unit signs for it, reports, and asks for an extension — bad input first',
    async () => {
      // No owner for 其他 and no governing unit for 兴义市: the office triages it by hand.
      const created = await sut.system.app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(visitorToken),
        payload: {
          kind: 'problem_clue',
          category: 'unowned',
          title: '河道垃圾堆积',
          description: '村后河道垃圾堆积，雨季易堵塞',
          locality: 'xingyi',
          reporter: { name: '刘先生', phone: '13800003333' },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      caseId = created.json<{ id: string }>().id;

      office = await sut.newPage();
      await logInWithPassword(office, sut.origin, 'li.na', GOOD_PASSWORD);
      await openFromInbox(office, caseId, '待分诊');
      await act(office, '交办', '已交办', async (form) => {
        await choose(office, form.getByLabel('牵头单位'), '综合行政执法局');
      });
      await waitForStatus(office, '待签收');

      unit = await sut.newPage();
      await logInWithPassword(unit, sut.origin, 'zhang.wei', GOOD_PASSWORD);
      await openFromInbox(unit, caseId, '待签收');
      await act(unit, '签收', '已签收');
      await waitForStatus(unit, '办理中');
      await act(unit, '上报周报', '周报已上报', async (form) => {
        await form.getByLabel('进展情况').fill('已组织人员清理河道，垃圾清运约一半');
        await form.getByLabel('完成进度（%）').fill('50');
      });
      await timelineEntry(unit, 'report_submitted').waitFor();

      // A date before the deadline in force and a reason of spaces: the API refuses both, and each
      // refusal stands under its own field, in Chinese.
      const blank = await startAction(unit, '申请延期', async (form) => {
        await typeDateTime(form, '延期至（北京时间）', '2026年1月5日 09:00');
        await form.getByLabel('延期理由').fill('   ');
      });
      await fieldError(blank, '延期理由').waitFor();
      expect(await fieldError(blank, '延期理由').textContent()).toContain('不能为空');
      await sut.screenshot(unit, 'lifecycle-extension-blank-reason', { fullPage: false });
      await blank.getByLabel('延期理由').fill('雨季河水上涨，清淤船无法进场');
      await blank.getByRole('button', { name: '确认申请延期' }).click();
      await fieldError(blank, '延期至（北京时间）').waitFor();
      expect(await fieldError(blank, '延期至（北京时间）').textContent()).toContain('延期日期须晚于当前办理期限');
      // Said under the field, not again above the buttons in the API's English with a UTC time.
      expect(await blank.locator('.el-alert').count()).toBe(0);
      await sut.screenshot(unit, 'lifecycle-extension-refused', { fullPage: false });

      const until = (await deadlineOf()) + 14 * 86_400_000;
      await typeDateTime(blank, '延期至（北京时间）', beijingWallClock(until));
      await blank.getByRole('button', { name: '确认申请延期' }).click();
      await unit.locator('.el-message', { hasText: '延期申请已提交' }).first().waitFor();
      await blank.waitFor({ state: 'hidden' });
      const requested = await timelineEntry(unit, 'extension_requested').textContent();
      expect(requested).toContain(`责任人：${CLERK}`);
      // Typed as Beijing wall-clock time in a browser in Los Angeles, and shown back as the same.
      expect(requested).toContain(`申请延期至 ${beijingWallClock(until)}`);
      expect(await caseStatus(unit).textContent()).toContain('办理中');
    },
    JOURNEY,
  );

  it(
    'the office approves the extension from its 工作台; the unit resolves; the follow-up is unsatisfied: 重办',
    async () => {
      const asked = await openFromInbox(office, caseId, '延期待审批');
      expect(asked).toContain('河道垃圾堆积');
      await sut.screenshot(office, 'lifecycle-office-extension-case');
      await act(office, '延期审批', '已审批', async (form) => {
        await answer(form, '审批结果', '同意');
        await form.getByLabel('备注').fill('同意延期，请按期办结');
      });
      const decided = await timelineEntry(office, 'extension_decided').textContent();
      expect(decided).toContain(`责任人：${OFFICE}`);
      expect(await caseStatus(office).textContent()).toContain('办理中');

      // The clerk still has the case open: looking again shows the approval.
      await unit.reload();
      expect(await timelineEntry(unit, 'extension_decided').textContent()).toContain('同意延期，请按期办结');
      await act(unit, '办结', '已办结，待回访', async (form) => {
        await form.getByLabel('办理措施').fill('清理河道垃圾 3 吨，设置垃圾收集点');
        await form.getByLabel('办理结果').fill('河道已清理干净');
      });
      await waitForStatus(unit, '待回访');

      await backToInbox(office);
      await inboxItemOfKind(office, caseId, '待回访').waitFor();
      expect(await inboxItemOfKind(office, caseId, '延期待审批').count()).toBe(0); // decided: no longer waiting
      await openFromInbox(office, caseId, '待回访');
      await waitForStatus(office, '待回访');
      await act(office, '回访', '回访已记录', async (form) => {
        await answer(form, '群众评价', '不满意');
        await form.getByLabel('备注').fill('群众反映上游仍有垃圾');
      });
      await waitForStatus(office, '办理中');
      expect(await timelineEntry(office, 'reopened').textContent()).toContain(`责任人：${OFFICE}`);
    },
    JOURNEY,
  );

  it(
    'the unit finds the 重办 in its 工作台 and resolves again; a satisfied follow-up closes the case',
    async () => {
      const rework = await openFromInbox(unit, caseId, '重办');
      expect(rework).toContain('河道垃圾堆积');
      await sut.screenshot(unit, 'lifecycle-unit-rework-case');
      await waitForStatus(unit, '办理中');
      await act(unit, '办结', '已办结，待回访', async (form) => {
        await form.getByLabel('办理措施').fill('上游增设拦污网，每日巡查清理');
        await form.getByLabel('办理结果').fill('上下游河道均已清理');
      });
      await waitForStatus(unit, '待回访');

      await openFromInbox(office, caseId, '待回访');
      await act(office, '回访', '回访已记录', async (form) => {
        await answer(form, '群众评价', '满意');
      });
      await waitForStatus(office, '已办结');
      await sut.screenshot(office, 'lifecycle-closed');

      const steps = await timelineSteps(office);
      const fromAssignment = steps.slice(steps.findIndex(([what]) => what === '交办'));
      expect(fromAssignment).toEqual([
        ['交办', OFFICE],
        ['签收', CLERK],
        ['周报上报', CLERK],
        ['申请延期', CLERK],
        ['延期审批', OFFICE],
        ['办结', CLERK],
        ['回访', OFFICE],
        ['重办', OFFICE],
        ['办结', CLERK],
        ['回访', OFFICE],
        ['关闭', OFFICE],
      ]);
    },
    JOURNEY,
  );
});
