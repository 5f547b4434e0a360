// Deadlines in working days (issue 14): counted on the calendar the case pinned, across the National
// Day week with its make-up Saturday, on the time-skipping server. The server's clock only moves
// forward from today, so the week is the State Council's 2026 arrangement (Oct 1–7 off, Saturday
// Oct 10 worked) moved on by exactly 52 weeks — the same weekdays — into 2027.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import {
  acceptUpdate,
  decideExtensionUpdate,
  dispatchUpdate,
  requestExtensionUpdate,
} from '../../shared/contracts/case';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import type { WorkingCalendar } from '../../shared/domain/working-days';
import { lead, office } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHarness } from './support/case-harness';

const NATIONAL_DAY_2027: WorkingCalendar = {
  version: 7,
  years: {
    '2027': {
      holidays: ['2027-09-30', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06'],
      workdays: ['2027-10-09'],
    },
  },
};

describe('working-day clocks', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('working-days');
    // Tuesday 28 September 2027, 09:00 Beijing time.
    await h.sleep(Date.parse('2027-09-28T01:00:00Z') - (await h.now()));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('counts 5 working days across the holiday week and its make-up Saturday, and moves a report off the holiday', async () => {
    const { handle } = await h.report({
      policy: {
        ...DEFAULT_POLICY,
        resolveWithin: { workingDays: 5 },
        moveOffNonWorkingDays: true,
        version: 3,
        calendar: NATIONAL_DAY_2027,
      },
    });
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-wd', batchNumber: 1 }] });
    const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    // Wed 29 (1); 30 Sep – 6 Oct off; Thu 7 (2), Fri 8 (3), Sat 9 worked (4), Mon 11 (5): due at its
    // 24:00 Beijing time. The first weekly report, a week on, falls on Tue 5 Oct, a holiday: it is due
    // on Thu 7 at the same hour.
    expect(accepted.deadline).toBe('2027-10-11T16:00:00.000Z');
    // Signed for at 09:00 and a few hundred simulated milliseconds.
    expect(accepted.nextReportDue).toMatch(/^2027-10-07T01:00:0\d\.\d{3}Z$/);
    expect(accepted.calendarUnknown).toBeUndefined();

    // Silent until the deadline has passed: overdue at that instant, not a calendar day earlier.
    const state = await h.advance(handle, 14);
    expect(state.overdue).toBe(true);
    const events = await h.events(handle.workflowId);
    const overdue = events.find((event) => event.type === 'overdue');
    const firedAt = Date.parse(overdue!.at) - Date.parse('2027-10-11T16:00:00.000Z');
    expect(firedAt).toBeGreaterThanOrEqual(0);
    expect(firedAt).toBeLessThan(1000);
    expect(typesOf(events)).toContain('report_missed');
  }, 60_000);

  it('flags a count that runs past the years the case pinned, counting weekends only there', async () => {
    const { handle } = await h.report({
      policy: { ...DEFAULT_POLICY, resolveWithin: { workingDays: 100 }, version: 3, calendar: NATIONAL_DAY_2027 },
    });
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-wd2', batchNumber: 2 }] });
    const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    expect(accepted.calendarUnknown).toBe(true);
    expect(Date.parse(accepted.deadline!)).toBeGreaterThan(Date.parse('2028-01-01T00:00:00Z'));
    expect((await h.settled(handle)).calendarUnknown).toBe(true);
    const [row] = await h.db.sql<{ flagged: boolean }[]>`
      SELECT calendar_unknown AS flagged FROM cases WHERE id = ${handle.workflowId}`;
    expect(row?.flagged).toBe(true);
  }, 60_000);
});

// A server of its own: the warning runs over the same week, from the same Tuesday.
describe('warnings before a working-day deadline', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('due-soon');
    await h.sleep(Date.parse('2027-09-28T01:00:00Z') - (await h.now()));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('warns the lead unit two working days ahead (临期预警), flags the case, and clears the flag when the deadline moves', async () => {
    const { handle } = await h.report({
      policy: {
        ...DEFAULT_POLICY,
        resolveWithin: { workingDays: 5 },
        warnBefore: { workingDays: 2 },
        version: 3,
        calendar: NATIONAL_DAY_2027,
      },
    });
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-wd3', batchNumber: 3 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    // Deadline 24:00 Mon 11 Oct; counted back from that day: Mon 11 (1), Sun 10 off, Sat 9 worked (2):
    // the warning comes at 00:00 on Saturday 9 October, Beijing time.
    const warned = await h.advance(handle, 11);
    expect(warned).toMatchObject({ dueSoon: true, overdue: false });
    const events = await h.events(handle.workflowId);
    const dueSoon = events.find((event) => event.type === 'due_soon');
    expect(dueSoon?.data).toEqual({ deadline: '2027-10-11T16:00:00.000Z', unitId: 'city-management' });
    const lateBy = Date.parse(dueSoon!.at) - Date.parse('2027-10-08T16:00:00.000Z');
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(1000);
    expect((await h.notifications(handle.workflowId)).map((n) => [n.kind, n.recipientUnitIds])).toContainEqual([
      'reminder',
      ['city-management'],
    ]);

    const { requestId } = await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: lead, until: '2027-10-20T16:00:00.000Z', reason: '需协调多部门' }],
    });
    const extended = await handle.executeUpdate(decideExtensionUpdate, {
      args: [{ actor: office, requestId, approve: true }],
    });
    expect(extended).toMatchObject({ deadline: '2027-10-20T16:00:00.000Z', dueSoon: false });
  }, 60_000);
});
