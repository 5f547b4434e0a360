// The case lifecycle of docs/domain.md, in simulated weeks: every path from report to closure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptUpdate,
  assignUpdate,
  caseStateQuery,
  closeUpdate,
  contributeUpdate,
  dispatchUpdate,
  followUpUpdate,
  reportUpdate,
  resolveUpdate,
  returnUpdate,
} from '../../shared/contracts/case';
import {
  CO_HANDLER,
  coHandler,
  LEAD,
  lead,
  office,
  OFFICE_UNIT,
  unit,
  visitor,
  NO_ROUTE,
} from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHarness } from './support/case-harness';

describe('case lifecycle', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('lifecycle');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('a case resolved on the spot is reported and closed (on_spot) at once', async () => {
    const { handle, state } = await h.report({ resolvedOnSpot: { measures: '当场讲解殡葬改革政策文件' } });
    expect(state).toMatchObject({ status: 'closed', closeReason: 'on_spot', seq: 2 });
    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual(['reported', 'closed']);
    expect(events[1]?.data).toMatchObject({ reason: 'on_spot', measures: '当场讲解殡葬改革政策文件' });
  });

  it('routed → dispatched → accepted → three weekly reports → resolved → satisfied follow-up → closed (resolved)', async () => {
    const { handle, state } = await h.report();
    expect(state.status).toBe('queued');

    const dispatched = await handle.executeUpdate(dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-happy', batchNumber: 7 }],
    });
    expect(dispatched).toMatchObject({
      status: 'assigned',
      lead: LEAD,
      dispatch: { batchId: 'batch-happy', batchNumber: 7 },
    });
    const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    expect(accepted).toMatchObject({ status: 'in_progress', missedReports: 0 });
    expect(accepted.deadline).not.toBeNull();

    for (let week = 1; week <= 3; week++) {
      await h.advance(handle, 6);
      const reported = await handle.executeUpdate(reportUpdate, {
        args: [{ actor: lead, progress: `第${week}周：已约谈商户`, percentDone: week * 30 }],
      });
      expect(reported.missedReports).toBe(0);
    }
    await handle.executeUpdate(contributeUpdate, { args: [{ actor: coHandler, progress: '街道已配合宣传' }] });
    const resolved = await handle.executeUpdate(resolveUpdate, {
      args: [{ actor: lead, measures: '规范店外促销审批流程', outcome: '商户已按新流程办理' }],
    });
    expect(resolved).toMatchObject({ status: 'verifying', nextReportDue: null });
    const closed = await handle.executeUpdate(followUpUpdate, {
      args: [{ actor: visitor, satisfied: true, note: '群众满意' }],
    });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'resolved' });

    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual([
      'reported',
      'queued',
      'dispatched',
      'accepted',
      'report_submitted',
      'report_submitted',
      'report_submitted',
      'contribution_added',
      'resolved',
      'followed_up',
      'closed',
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((e) => e.type === 'report_submitted').every((e) => e.data.onTime === true)).toBe(true);
    expect(events.at(-1)?.data).toMatchObject({ reason: 'resolved', measures: '规范店外促销审批流程' });
    const notices = await h.notifications(handle.workflowId);
    // The units are handed the case; the office is told a resolution awaits its follow-up.
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'assignment', recipientUnitIds: [LEAD, CO_HANDLER] }),
      expect.objectContaining({ kind: 'notice', recipientUnitIds: [OFFICE_UNIT] }),
    ]);
  });

  it('a lead that returns a case sends it to triage; the office assigns a new lead who must sign for it', async () => {
    const { handle } = await h.report();
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-return', batchNumber: 8 }] });
    const returned = await handle.executeUpdate(returnUpdate, { args: [{ actor: lead, reason: '不属于本单位职责' }] });
    expect(returned).toMatchObject({ status: 'triage', lead: null, acceptDue: null });
    // The office is told, to triage it again.
    await h.settled(handle);
    expect(await h.notifications(handle.workflowId)).toContainEqual(
      expect.objectContaining({ kind: 'notice', recipientUnitIds: [OFFICE_UNIT] }),
    );

    const justice = unit('justice-bureau');
    const assigned = await handle.executeUpdate(assignUpdate, {
      args: [{ actor: office, lead: 'justice-bureau', coHandlers: [CO_HANDLER], note: '改由司法局主办' }],
    });
    expect(assigned).toMatchObject({ status: 'assigned', lead: 'justice-bureau', coHandlers: [CO_HANDLER] });
    expect(assigned.acceptDue).not.toBeNull();
    const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: justice }] });
    expect(accepted.status).toBe('in_progress');

    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual([
      'reported',
      'queued',
      'dispatched',
      'returned',
      'triaged',
      'assigned',
      'accepted',
    ]);
    expect(events[3]?.data).toMatchObject({ unitId: LEAD, reason: '不属于本单位职责' });
    expect(events[5]?.data).toMatchObject({ lead: 'justice-bureau', previousLead: null, note: '改由司法局主办' });
    expect(events[6]?.actor).toMatchObject({ role: 'unit', unitId: 'justice-bureau' });
  });

  it('a case without a route waits in triage until the office assigns it', async () => {
    const { handle, state } = await h.report({ routing: NO_ROUTE });
    expect(state).toMatchObject({ status: 'triage', lead: null });
    await h.advance(handle, 10);
    expect(typesOf(await h.events(handle.workflowId))).toEqual(['reported', 'triaged']);
    const assigned = await handle.executeUpdate(assignUpdate, { args: [{ actor: office, lead: LEAD }] });
    expect(assigned).toMatchObject({ status: 'assigned', lead: LEAD, coHandlers: [] });
  });

  it('an unsatisfied follow-up reopens the case for rework with a reworkWithin deadline; satisfied then closes it', async () => {
    const { handle } = await h.report();
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-rework', batchNumber: 9 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    await h.advance(handle, 3);
    await handle.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: '已清理占道', outcome: '已办结' }] });
    const reopened = await handle.executeUpdate(followUpUpdate, {
      args: [{ actor: office, satisfied: false, note: '仍有占道' }],
    });
    expect(reopened).toMatchObject({ status: 'in_progress', followUpDue: null, missedReports: 0 });
    const now = await h.now();
    expect(Date.parse(reopened.deadline!) - now).toBeGreaterThan(13.9 * 86_400_000);
    expect(Date.parse(reopened.deadline!) - now).toBeLessThanOrEqual(14 * 86_400_000);

    await h.advance(handle, 5);
    await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '重新组织清理' }] });
    await handle.executeUpdate(resolveUpdate, {
      args: [{ actor: lead, measures: '设置便民摊点', outcome: '占道已消除' }],
    });
    const closed = await handle.executeUpdate(followUpUpdate, { args: [{ actor: office, satisfied: true }] });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'resolved' });

    const events = await h.events(handle.workflowId);
    expect(typesOf(events).slice(3)).toEqual([
      'accepted',
      'resolved',
      'followed_up',
      'reopened',
      'report_submitted',
      'resolved',
      'followed_up',
      'closed',
    ]);
    expect(events.find((e) => e.type === 'reopened')?.data).toMatchObject({ reason: 'follow_up_unsatisfied' });
    expect(events.at(-1)?.data).toMatchObject({ measures: '设置便民摊点' });
    // Handed over, resolved (the office to follow up), reworked, resolved again.
    expect((await h.notifications(handle.workflowId)).map((n) => n.kind)).toEqual([
      'assignment',
      'notice',
      'assignment',
      'notice',
    ]);
  });

  it('the office closes a duplicate, linked to the case it repeats, and its clocks stop', async () => {
    const { handle } = await h.report();
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-dup', batchNumber: 10 }] });
    const closed = await handle.executeUpdate(closeUpdate, {
      args: [
        {
          actor: office,
          reason: 'duplicate',
          duplicateOf: 'case-00000000-0000-4000-8000-000000000001',
          note: '重复上报',
        },
      ],
    });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'duplicate', acceptDue: null });
    // Closed for good: no sign-for reminder follows, and the workflow completes.
    expect(await handle.result()).toMatchObject({ status: 'closed' });
    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual(['reported', 'queued', 'dispatched', 'closed']);
    expect(events[3]?.data).toMatchObject({
      reason: 'duplicate',
      duplicateOf: 'case-00000000-0000-4000-8000-000000000001',
    });
  });

  it('continue-as-new mid-case keeps the state, the clocks and the audit chain', async () => {
    const { handle } = await h.report({ options: { continueAsNewAfterEvents: 4 } });
    const firstRunId = (await handle.describe()).runId;
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-can', batchNumber: 11 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    const before = await h.settled(handle);

    // Silent for two report periods: the missed count runs on across runs.
    const after = await h.advance(handle, 16);
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(after).toMatchObject({
      status: 'in_progress',
      lead: LEAD,
      deadline: before.deadline,
      dispatch: { batchId: 'batch-can', batchNumber: 11 },
      missedReports: 2,
      escalationLevel: 1,
    });
    const reported = await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '补报进展' }] });
    expect(reported).toMatchObject({ missedReports: 0 });
    await handle.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: '已规范', outcome: '已办结' }] });
    const closed = await handle.executeUpdate(followUpUpdate, { args: [{ actor: office, satisfied: true }] });
    expect(closed.status).toBe('closed');
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'closed', seq: closed.seq });

    const events = await h.events(handle.workflowId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
    expect(typesOf(events)).toEqual([
      'reported',
      'queued',
      'dispatched',
      'accepted',
      'report_missed',
      'reminder_sent',
      'report_missed',
      'escalated',
      'report_submitted',
      'resolved',
      'followed_up',
      'closed',
    ]);
  });
});
