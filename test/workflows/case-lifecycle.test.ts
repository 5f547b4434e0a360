// The case lifecycle of DOMAIN.md, in simulated weeks: every path from report to closure.
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
} from '../../shared/case-contract';
import { CO_HANDLER, coHandler, LEAD, lead, office, unit, visitor } from './support/case-fixtures';
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

    const dispatched = await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-happy', batchNumber: 7 }] });
    expect(dispatched).toMatchObject({ status: 'assigned', lead: LEAD, dispatch: { batchId: 'batch-happy', batchNumber: 7 } });
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
    const closed = await handle.executeUpdate(followUpUpdate, { args: [{ actor: visitor, satisfied: true, note: '群众满意' }] });
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
    expect(notices).toEqual([expect.objectContaining({ kind: 'assignment', recipientUnitIds: [LEAD, CO_HANDLER] })]);
  });
});
