// The clocks of docs/domain.md in simulated weeks: sign-for, weekly reports and the escalation ladder,
// the resolution deadline, extensions, and the follow-up window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptUpdate,
  decideExtensionUpdate,
  dispatchUpdate,
  reportUpdate,
  requestExtensionUpdate,
  resolveUpdate,
} from '../../shared/contracts/case';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import { DAY, LEAD, LEADERSHIP_UNIT, lead, OFFICE_UNIT, office } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHandle, type CaseHarness } from './support/case-harness';

describe('case clocks and escalation', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('escalation');
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A case dispatched and signed for now, under the given policy overrides. */
  async function acceptedCase(policy: Partial<typeof DEFAULT_POLICY> = {}, priority: 'normal' | 'urgent' = 'normal') {
    const { handle } = await h.report({ policy: { ...DEFAULT_POLICY, ...policy, version: 1 }, priority });
    if (priority !== 'urgent') {
      await handle.executeUpdate(dispatchUpdate, {
        args: [{ actor: office, batchId: `batch-${handle.workflowId}`, batchNumber: 1 }],
      });
    }
    return { handle, accepted: await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] }) };
  }

  const escalations = async (handle: CaseHandle) =>
    (await h.events(handle.workflowId)).filter((e) => e.type === 'escalated').map((e) => e.data);

  it('a silent unit gets a reminder, then a level-1 notice, then a level-2 escalation; a late report resets the count', async () => {
    const { handle } = await acceptedCase({ resolveWithin: 'P90D' });

    const first = await h.advance(handle, 8); // due day 7, grace 1 day
    expect(first).toMatchObject({ missedReports: 1, escalationLevel: 0 });
    const second = await h.advance(handle, 7);
    expect(second).toMatchObject({ missedReports: 2, escalationLevel: 1 });
    const third = await h.advance(handle, 7);
    expect(third).toMatchObject({ missedReports: 3, escalationLevel: 2 });

    const events = await h.events(handle.workflowId);
    expect(typesOf(events).slice(4)).toEqual([
      'report_missed',
      'reminder_sent',
      'report_missed',
      'escalated',
      'report_missed',
      'escalated',
    ]);
    expect(await escalations(handle)).toEqual([
      { level: 1, reason: 'reports_missed', notifiedUnits: [LEAD, OFFICE_UNIT] },
      { level: 2, reason: 'reports_missed', notifiedUnits: [LEADERSHIP_UNIT, OFFICE_UNIT, LEAD] },
    ]);
    const notices = await h.notifications(handle.workflowId);
    expect(notices.map((n) => [n.kind, n.level])).toEqual([
      ['assignment', 0],
      ['reminder', 0],
      ['notice', 1],
      ['escalation', 2],
    ]);

    // A late report still counts: the next miss starts the ladder again from a reminder.
    const late = await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '补报三周进展' }] });
    expect(late).toMatchObject({ missedReports: 0, escalationLevel: 2 });
    const submitted = (await h.events(handle.workflowId)).at(-1);
    expect(submitted).toMatchObject({ type: 'report_submitted', data: { onTime: false } });
    const afterReset = await h.advance(handle, 8);
    expect(afterReset.missedReports).toBe(1);
    expect(typesOf(await h.events(handle.workflowId)).slice(-2)).toEqual(['report_missed', 'reminder_sent']);
  });

  it('a report within the grace period is on time and moves the next due date a period on', async () => {
    const { handle, accepted } = await acceptedCase();
    await h.advance(handle, 7.5);
    const reported = await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '按期上报' }] });
    expect(reported.missedReports).toBe(0);
    // Simulated time still creeps by real milliseconds between the update and this read.
    expect(Date.parse(reported.nextReportDue!) - (await h.now())).toBeCloseTo(7 * DAY, -4);
    expect((await h.events(handle.workflowId)).at(-1)?.data).toMatchObject({
      onTime: true,
      dueAt: accepted.nextReportDue,
    });
  });

  it('a lead that never signs for its case gets a reminder at acceptWithin and a level-1 escalation one period later', async () => {
    const { handle } = await h.report();
    await handle.executeUpdate(dispatchUpdate, {
      args: [{ actor: office, batchId: `batch-${handle.workflowId}`, batchNumber: 2 }],
    });
    const reminded = await h.advance(handle, 1.5);
    expect(reminded.escalationLevel).toBe(0);
    const escalated = await h.advance(handle, 1);
    expect(escalated).toMatchObject({ status: 'assigned', escalationLevel: 1 });
    await h.advance(handle, 20);
    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual(['reported', 'queued', 'dispatched', 'reminder_sent', 'escalated']);
    expect(events[3]?.data).toMatchObject({ about: 'accept', unitId: LEAD });
    expect(events[4]?.data).toEqual({ level: 1, reason: 'accept_late', notifiedUnits: [LEAD, OFFICE_UNIT] });
  });

  it('a passed deadline makes the case overdue and escalates it to level 1', async () => {
    const { handle } = await acceptedCase({ resolveWithin: 'P10D', reportEvery: 'P30D' });
    expect((await h.advance(handle, 9)).overdue).toBe(false);
    const overdue = await h.advance(handle, 2);
    expect(overdue).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(typesOf(await h.events(handle.workflowId)).slice(-2)).toEqual(['overdue', 'escalated']);
    expect(await escalations(handle)).toEqual([{ level: 1, reason: 'overdue', notifiedUnits: [LEAD, OFFICE_UNIT] }]);
  });

  it('an urgent case is dispatched at once with its own batch, and a passed deadline goes straight to level 2', async () => {
    const { handle, state } = await h.report({
      priority: 'urgent',
      policy: { ...DEFAULT_POLICY, resolveWithin: 'P3D', version: 1 },
    });
    expect(state).toMatchObject({
      status: 'assigned',
      lead: LEAD,
      dispatch: { batchId: `urgent-${handle.workflowId}` },
    });
    const [batch] = await h.db.sql<{ kind: string; cases: string[] }[]>`
      SELECT b.kind, array_agg(c.case_id) AS cases FROM dispatch_batches b JOIN dispatch_batch_cases c ON c.batch_id = b.id
      WHERE b.id = ${`urgent-${handle.workflowId}`} GROUP BY b.kind`;
    expect(batch).toEqual({ kind: 'urgent', cases: [handle.workflowId] });
    expect(typesOf(await h.events(handle.workflowId))).toEqual(['reported', 'dispatched']);

    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    const overdue = await h.advance(handle, 4);
    expect(overdue).toMatchObject({ overdue: true, escalationLevel: 2 });
    expect(await escalations(handle)).toEqual([
      { level: 2, reason: 'overdue', notifiedUnits: [LEADERSHIP_UNIT, OFFICE_UNIT, LEAD] },
    ]);
  });

  it('an approved extension moves the deadline, so the old one passes without escalation', async () => {
    const { handle, accepted } = await acceptedCase({ resolveWithin: 'P10D', reportEvery: 'P30D' });
    await h.advance(handle, 5);
    const until = new Date(Date.parse(accepted.deadline!) + 10 * DAY).toISOString();
    const requested = await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: lead, until, reason: '需协调多部门' }],
    });
    expect(requested.requestId).toEqual(expect.any(String));
    expect(requested.extensions).toEqual([
      expect.objectContaining({ requestId: requested.requestId, status: 'pending' }),
    ]);
    const approved = await handle.executeUpdate(decideExtensionUpdate, {
      args: [{ actor: office, requestId: requested.requestId, approve: true, note: '同意延期' }],
    });
    expect(approved.deadline).toBe(until);

    expect(await h.advance(handle, 8)).toMatchObject({ overdue: false, escalationLevel: 0 });
    expect(await h.advance(handle, 10)).toMatchObject({ overdue: true, escalationLevel: 1 });
    const decided = (await h.events(handle.workflowId)).find((e) => e.type === 'extension_decided');
    expect(decided?.data).toEqual({
      requestId: requested.requestId,
      approved: true,
      note: '同意延期',
      deadline: until,
    });
  });

  it('a denied extension leaves the deadline standing', async () => {
    const { handle, accepted } = await acceptedCase({ resolveWithin: 'P10D', reportEvery: 'P30D' });
    await h.advance(handle, 5);
    const until = new Date(Date.parse(accepted.deadline!) + 10 * DAY).toISOString();
    const { requestId } = await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: lead, until, reason: '人手不足' }],
    });
    const denied = await handle.executeUpdate(decideExtensionUpdate, {
      args: [{ actor: office, requestId, approve: false }],
    });
    expect(denied).toMatchObject({
      deadline: accepted.deadline,
      extensions: [expect.objectContaining({ status: 'denied' })],
    });
    expect(await h.advance(handle, 6)).toMatchObject({ overdue: true, escalationLevel: 1 });
  });

  it('a follow-up window that passes without a follow-up sends the office a reminder, once', async () => {
    const { handle } = await acceptedCase();
    await handle.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: '已整改', outcome: '已办结' }] });
    await h.advance(handle, 8);
    await h.advance(handle, 8);
    const events = await h.events(handle.workflowId);
    expect(typesOf(events).slice(-2)).toEqual(['resolved', 'reminder_sent']);
    expect(events.at(-1)?.data).toMatchObject({ about: 'follow_up', unitId: OFFICE_UNIT });
    expect((await h.notifications(handle.workflowId)).at(-1)).toMatchObject({
      kind: 'reminder',
      recipientUnitIds: [OFFICE_UNIT],
    });
  });

  it("an undecided extension lapses when the case is resolved, recorded as the system's denial", async () => {
    const { handle, accepted } = await acceptedCase({ resolveWithin: 'P10D', reportEvery: 'P30D' });
    const until = new Date(Date.parse(accepted.deadline!) + 10 * DAY).toISOString();
    const { requestId } = await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: lead, until, reason: '等待材料' }],
    });
    const resolved = await handle.executeUpdate(resolveUpdate, {
      args: [{ actor: lead, measures: '已整改', outcome: '已办结' }],
    });
    expect(resolved.extensions).toEqual([
      expect.objectContaining({ requestId, status: 'denied', note: 'lapsed: resolved' }),
    ]);
    const events = await h.events(handle.workflowId);
    expect(typesOf(events).slice(-3)).toEqual(['extension_requested', 'extension_decided', 'resolved']);
    expect(events.at(-2)).toMatchObject({ actor: { role: 'system' }, data: { requestId, approved: false } });
  });
});
