// The main loop's one question, "what is due next?", as a pure function of the case state.
import { describe, expect, it } from 'vitest';
import type { CaseAlerts, CaseState } from '../../shared/contracts/case';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import { nextDue } from '../../workflows/case/clocks';
import { noAlerts, policyClock, reportedState } from '../../shared/domain/case-machine/state';
import { caseInput, DAY } from './support/case-fixtures';

const T0 = Date.parse('2026-11-02T01:00:00.000Z');
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();
const clock = policyClock({ ...DEFAULT_POLICY, version: 1 });
const reopenWindow = 30 * DAY;

function due(state: Partial<CaseState>, alerts: Partial<CaseAlerts> = {}) {
  const full = { ...reportedState(caseInput()), ...state };
  return nextDue({ state: full, alerts: { ...noAlerts(), ...alerts }, clock, reopenWindow });
}

describe('nextDue', () => {
  it('nothing runs while a case waits in triage or in the queue', () => {
    expect(due({ status: 'triage' })).toBeNull();
    expect(due({ status: 'queued' })).toBeNull();
  });

  it('sign-for: a reminder at acceptDue, level 1 one acceptWithin later, then nothing', () => {
    const assigned = { status: 'assigned' as const, acceptDue: iso(1) };
    expect(due(assigned)).toEqual({ action: 'accept_reminder', at: T0 + DAY });
    expect(due(assigned, { acceptReminded: true })).toEqual({ action: 'accept_escalation', at: T0 + 2 * DAY });
    expect(due(assigned, { acceptReminded: true, acceptEscalated: true })).toBeNull();
  });

  it('in progress: the earlier of the report grace and the deadline; an overdue case waits only for reports', () => {
    const working = { status: 'in_progress' as const, nextReportDue: iso(7), deadline: iso(30) };
    expect(due(working)).toEqual({ action: 'report_missed', at: T0 + 8 * DAY });
    expect(due({ ...working, nextReportDue: iso(30) })).toEqual({ action: 'overdue', at: T0 + 30 * DAY });
    expect(due({ ...working, nextReportDue: iso(30), overdue: true })).toEqual({
      action: 'report_missed',
      at: T0 + 31 * DAY,
    });
  });

  it('verifying: one follow-up reminder at followUpDue', () => {
    expect(due({ status: 'verifying', followUpDue: iso(7) })).toEqual({
      action: 'follow_up_reminder',
      at: T0 + 7 * DAY,
    });
    expect(due({ status: 'verifying', followUpDue: iso(7) }, { followUpReminded: true })).toBeNull();
  });

  it('closed as resolved or on the spot: open to a spot check for the reopen window; otherwise done', () => {
    expect(due({ status: 'closed', closeReason: 'resolved', closedAt: iso(0) })).toEqual({
      action: 'retire',
      at: T0 + 30 * DAY,
    });
    expect(due({ status: 'closed', closeReason: 'on_spot', closedAt: iso(0) })).toEqual({
      action: 'retire',
      at: T0 + 30 * DAY,
    });
    expect(due({ status: 'closed', closeReason: 'duplicate', closedAt: iso(0) })).toBeNull();
  });
});
