// When the case next needs the system to act on its own, computed from its state alone. The main
// loop sleeps until that instant or until the state changes, then asks again: one timer at a time,
// and a change (a report, an extension, a reassignment) moves every clock without cancelling any.
import type { CaseAlerts, CaseState } from '../../shared/contracts/case';
import { isReopenable } from '../../shared/domain/case-rules';
import type { PolicyClock } from '../../shared/domain/case-machine/state';

export type DueAction =
  | 'accept_reminder'
  | 'accept_escalation'
  | 'report_missed'
  | 'overdue'
  /** 临期预警: `warnBefore` ahead of the resolution deadline (policies that set it). */
  | 'due_soon'
  | 'follow_up_reminder'
  /** The reopen window of a closed case has passed: the workflow may complete. */
  | 'retire';

export interface Due {
  action: DueAction;
  at: number;
}

export interface ClockInput {
  state: CaseState;
  alerts: CaseAlerts;
  clock: PolicyClock;
  reopenWindow: number;
}

const at = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

function candidates({ state: s, alerts, clock, reopenWindow }: ClockInput): Array<Due | null> {
  const due = (action: DueAction, instant: number | null): Due | null =>
    instant === null ? null : { action, at: instant };
  switch (s.status) {
    case 'assigned': {
      const acceptDue = at(s.acceptDue);
      // Sign-for late: a reminder at the deadline, then one more `acceptWithin` before level 1.
      if (!alerts.acceptReminded) return [due('accept_reminder', acceptDue)];
      if (!alerts.acceptEscalated) return [due('accept_escalation', acceptDue && clock.acceptWithin(acceptDue).ms)];
      return [];
    }
    case 'in_progress': {
      const reportDue = at(s.nextReportDue);
      const deadline = at(s.deadline);
      const warn = clock.warnBefore;
      return [
        due('report_missed', reportDue && clock.reportGrace(reportDue).ms),
        s.overdue ? null : due('overdue', deadline),
        s.overdue || s.dueSoon === true || warn === null ? null : due('due_soon', deadline && warn(deadline)),
      ];
    }
    case 'verifying':
      return [alerts.followUpReminded ? null : due('follow_up_reminder', at(s.followUpDue))];
    case 'closed': {
      const closedAt = at(s.closedAt);
      return [isReopenable(s) ? due('retire', closedAt && closedAt + reopenWindow) : null];
    }
    case 'triage':
    case 'queued':
      // Waiting for the office or a dispatch batch: no clock runs.
      return [];
  }
}

/** The earliest thing due, or null when only a person (or nothing) can move the case. */
export function nextDue(input: ClockInput): Due | null {
  let earliest: Due | null = null;
  for (const candidate of candidates(input)) {
    if (candidate && (earliest === null || candidate.at < earliest.at)) earliest = candidate;
  }
  return earliest;
}
