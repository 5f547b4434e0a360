// Re-pinning a running case's calendar (docs/calendar.md) on the time-skipping server: a case counts 5
// working days on the calendar it pinned; an admin then makes a day inside the count a holiday; the
// office re-pins; the deadline and its warning move by exactly that day, and the timers fire then.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_ACTION_UPDATES,
  acceptUpdate,
  dispatchUpdate,
  followUpUpdate,
  resolveUpdate,
  type CaseActionArgs,
} from '../../shared/contracts/case';
import { loadWorkingCalendar, putCalendarYear } from '../../shared/db/calendar';
import { campaignDate } from '../../shared/domain/campaign-clock';
import { DEFAULT_POLICY, type PinnedPolicy } from '../../shared/domain/policy';
import type { WorkingCalendar } from '../../shared/domain/working-days';
import { DAY, LEAD, lead, leader, office, visitor } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHandle, type CaseHarness } from './support/case-harness';

const refusalOf = (error: unknown): string | null | undefined =>
  error instanceof WorkflowUpdateFailedError ? (error.cause as ApplicationFailure).type : undefined;

const admin = { id: 'token-admin', role: 'admin' as const, unitId: null };
// Monday 1 March 2027, 09:00 Beijing time. Five working days on: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 —
// due at 24:00 on Monday 8 March; with Thursday 4 March a holiday, at 24:00 on Tuesday 9 March.
const MONDAY_0900 = Date.parse('2027-03-01T01:00:00Z');
const OLD_DEADLINE = '2027-03-08T16:00:00.000Z';
const NEW_DEADLINE = '2027-03-09T16:00:00.000Z';

describe('re-pinning a running case to a newer calendar', () => {
  let h: CaseHarness;
  let handle: CaseHandle;
  let pinned: WorkingCalendar;
  let newer: WorkingCalendar;
  let batch = 0;

  const repin = (target: CaseHandle, args: CaseActionArgs['repinCalendar']) =>
    target.executeUpdate(CASE_ACTION_UPDATES.repinCalendar, { args: [args] });
  const refusal = async (target: CaseHandle, args: CaseActionArgs['repinCalendar']) =>
    refusalOf(await repin(target, args).catch((e: unknown) => e));
  const signedFor = async (policy: PinnedPolicy) => {
    const { handle: started } = await h.report({ policy });
    batch += 1;
    await started.executeUpdate(dispatchUpdate, {
      args: [{ actor: office, batchId: `batch-r${batch}`, batchNumber: batch }],
    });
    await started.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    return started;
  };

  beforeAll(async () => {
    h = await startCaseHarness('calendar-repin');
    await h.sleep(MONDAY_0900 - (await h.now()));
    // 2027 as an admin entered it: no holidays in March (the shipped dataset stops at 2026).
    await putCalendarYear(h.db.sql, 2027, { holidays: [], workdays: [] }, admin);
    pinned = await loadWorkingCalendar(h.db.sql, 2027, 2028);
    handle = await signedFor({
      ...DEFAULT_POLICY,
      resolveWithin: { workingDays: 5 },
      warnBefore: { workingDays: 1 },
      version: 4,
      calendar: pinned,
    });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a re-pin to the calendar the case counts on, and one by anyone but the office', async () => {
    const before = await h.settled(handle);
    expect(before.deadline).toBe(OLD_DEADLINE);
    expect(await refusal(handle, { actor: office, calendar: pinned })).toBe('CALENDAR_ALREADY_PINNED');
    for (const actor of [lead, leader, admin])
      expect(await refusal(handle, { actor, calendar: { ...pinned, version: pinned.version + 1 } })).toBe(
        'ROLE_NOT_ALLOWED',
      );
    expect(typesOf(await h.events(handle.workflowId))).not.toContain('calendar_repinned');
  });

  it('counts the deadline and its warning again from sign-for on the new calendar, and tells the lead', async () => {
    await putCalendarYear(h.db.sql, 2027, { holidays: ['2027-03-04'], workdays: [] }, admin);
    newer = await loadWorkingCalendar(h.db.sql, 2027, 2028);
    // A day later: the count runs from when the lead signed for the case, not from the re-pin.
    await h.advance(handle, 1);
    const after = await repin(handle, { actor: office, calendar: newer, reason: '3月4日调整为节假日' });
    expect(after.deadline).toBe(NEW_DEADLINE);
    expect(after.policy.calendar).toEqual(newer);
    // The weekly report counts plain days (P7D): it stays where it was.
    expect(after.nextReportDue).toBe((await h.settled(handle)).nextReportDue);

    const repinned = (await h.events(handle.workflowId)).find((event) => event.type === 'calendar_repinned');
    expect(repinned).toMatchObject({ actor: { role: 'office' } });
    expect(repinned?.data).toEqual({
      fromVersion: pinned.version,
      toVersion: newer.version,
      reason: '3月4日调整为节假日',
      moved: [
        { clock: 'deadline', from: OLD_DEADLINE, to: NEW_DEADLINE },
        // 临期预警 one working day ahead: 00:00 on the deadline's own day, Beijing time.
        { clock: 'dueSoonAt', from: '2027-03-07T16:00:00.000Z', to: '2027-03-08T16:00:00.000Z' },
      ],
      kept: [],
    });
    const [notice] = await h.db.sql<Array<{ body: string; recipients: string[] }>>`
      SELECT body, recipient_unit_ids AS recipients FROM notifications
      WHERE case_id = ${handle.workflowId} AND subject LIKE '【期限调整】%'`;
    expect(notice?.recipients).toEqual([LEAD]);
    expect(notice?.body).toContain('办结期限由 2027年3月9日 00:00 调整为 2027年3月10日 00:00');
  });

  it('warns and falls overdue at the new instants, not a day earlier', async () => {
    await h.advance(handle, 10);
    const events = await h.events(handle.workflowId);
    const firedAfter = (type: string, iso: string) =>
      Date.parse(events.find((event) => event.type === type)!.at) - Date.parse(iso);
    expect(firedAfter('due_soon', '2027-03-08T16:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(firedAfter('due_soon', '2027-03-08T16:00:00.000Z')).toBeLessThan(1000);
    expect(firedAfter('overdue', NEW_DEADLINE)).toBeGreaterThanOrEqual(0);
    expect(firedAfter('overdue', NEW_DEADLINE)).toBeLessThan(1000);
    expect(events.find((event) => event.type === 'overdue')?.data).toEqual({ deadline: NEW_DEADLINE });
  });

  it('leaves a case whose re-pin PostgreSQL refused counting on its old calendar, warning included', async () => {
    const policy = { ...DEFAULT_POLICY, resolveWithin: { workingDays: 5 }, warnBefore: { workingDays: 1 } };
    const started = await signedFor({ ...policy, version: 4, calendar: pinned });
    const before = await h.settled(started);
    // Every day of March and April off: counted back on it, the warning would fall due at once.
    const allOff = Array.from({ length: 61 }, (_, i) => campaignDate(Date.parse('2027-03-01T04:00:00Z') + i * DAY));
    const offCalendar = { version: 99, years: { '2027': { holidays: allOff, workdays: [] } } };
    // A lone surrogate in the reason: jsonb refuses the event, the journal undoes the re-pin (22P02).
    expect(await refusal(started, { actor: office, calendar: offCalendar, reason: '调整\ud800' })).toBe(
      'EVENTS_NOT_STORED',
    );
    expect(await h.settled(started)).toEqual(before);
    await h.advance(started, 10);
    const dueSoon = (await h.events(started.workflowId)).find((event) => event.type === 'due_soon');
    // One working day ahead on the pinned calendar: 00:00 Beijing time of the deadline's own day.
    const lateBy = Date.parse(dueSoon!.at) - (Date.parse(before.deadline!) - DAY);
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(1000);
  });

  it('refuses a case whose policy counts no working days, and a closed case', async () => {
    const plain = await signedFor({ ...DEFAULT_POLICY, version: 1 });
    expect(await refusal(plain, { actor: office, calendar: newer })).toBe('POLICY_COUNTS_NO_WORKING_DAYS');
    const closing = await signedFor({
      ...DEFAULT_POLICY,
      resolveWithin: { workingDays: 5 },
      version: 4,
      calendar: pinned,
    });
    // Closed as resolved: its run waits out the reopen window, so it still answers (and refuses).
    await closing.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: '已整改', outcome: '已办结' }] });
    await closing.executeUpdate(followUpUpdate, { args: [{ actor: visitor, satisfied: true }] });
    expect(await refusal(closing, { actor: office, calendar: newer })).toBe('INVALID_STATE');
    expect(typesOf(await h.events(closing.workflowId))).not.toContain('calendar_repinned');
  });
});
