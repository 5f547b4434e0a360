// Moves several actions share: handing a case to a lead, rework, closing. Each changes the state
// and emits its event in one synchronous step (see Journal.emit).
import type { CaseState } from '../../contracts/case';
import type { CaseEventData } from '../../contracts/case-events';
import type { DispatchBatchHeader } from '../../contracts/dispatch';
import { SYSTEM_ACTOR, type Actor } from '../actor';
import { refuse } from './refusals';
import { assignmentNotice, reworkNotice } from './notices';
import { startClock } from './clock-starts';
import { noAlerts, nowIso, type CaseMachine } from './state';

/**
 * An extension only ever moves the deadline of the work in progress. When the case leaves
 * `in_progress` (resolved, reassigned, closed), an undecided request lapses, recorded as the
 * system's denial, so it can neither block a later request nor move a later deadline back.
 */
export function lapsePendingExtensions(c: CaseMachine, why: string): void {
  for (const request of c.state.extensions) {
    if (request.status !== 'pending') continue;
    request.status = 'denied';
    request.note = `lapsed: ${why}`;
    request.decidedAt = nowIso();
    c.journal.emit('extension_decided', SYSTEM_ACTOR, {
      requestId: request.requestId,
      approved: false,
      note: request.note,
      deadline: c.state.deadline ?? request.until,
    });
  }
}

/** A new deadline is warned of afresh; a case never warned keeps no flag (its snapshot is unchanged). */
export function clearDueSoon(s: CaseState): void {
  if (s.dueSoon) s.dueSoon = false;
}

/** A new lead's clock starts at sign-for: until then nothing is due but the signature. */
function handTo(c: CaseMachine, lead: string, coHandlers: string[]): string {
  const s = c.state;
  s.status = 'assigned';
  s.lead = lead;
  s.coHandlers = [...new Set(coHandlers)].filter((unit) => unit !== lead);
  const acceptDue = startClock(c, 'acceptDue', 'acceptWithin');
  s.deadline = null;
  s.nextReportDue = null;
  s.missedReports = 0;
  s.overdue = false;
  c.alerts = noAlerts();
  return acceptDue;
}

export function dispatchTo(c: CaseMachine, actor: Actor, batch: DispatchBatchHeader): void {
  const lead = c.state.lead;
  if (lead === null) refuse(c.state, 'INVALID_STATE', 'a case without a lead cannot be dispatched');
  c.state.dispatch = { batchId: batch.id, batchNumber: batch.number };
  const acceptDue = handTo(c, lead, c.state.coHandlers);
  c.journal.emit(
    'dispatched',
    actor,
    { batchId: batch.id, batchNumber: batch.number, lead, coHandlers: c.state.coHandlers, acceptDue },
    assignmentNotice(c.state, acceptDue),
  );
}

export function assignTo(c: CaseMachine, actor: Actor, lead: string, coHandlers: string[], note: string | null): void {
  const previousLead = c.state.lead;
  lapsePendingExtensions(c, 'reassigned');
  const acceptDue = handTo(c, lead, coHandlers);
  c.journal.emit(
    'assigned',
    actor,
    { lead, coHandlers: c.state.coHandlers, previousLead, note, acceptDue },
    assignmentNotice(c.state, acceptDue),
  );
}

/** The lead signs for the case: the resolution deadline and the weekly reports start now. */
export function startWork(c: CaseMachine, actor: Actor): void {
  const s = c.state;
  s.status = 'in_progress';
  s.acceptDue = null;
  const deadline = startClock(c, 'deadline', 'resolveWithin');
  clearDueSoon(s);
  const nextReportDue = startClock(c, 'nextReportDue', 'reportEvery');
  s.missedReports = 0;
  s.overdue = false;
  c.journal.emit('accepted', actor, { unitId: s.lead ?? '', deadline, nextReportDue });
}

/**
 * Rework (重办): the lead gets `reworkWithin` and the weekly reports again. A case closed on the
 * spot never had a lead sign for it, so it goes back to triage for the office to assign.
 */
export function reopen(
  c: CaseMachine,
  actor: Actor,
  reason: CaseEventData['reopened']['reason'],
  note: string | null,
): void {
  const s = c.state;
  const backToTriage = s.closeReason === 'on_spot';
  s.closeReason = null;
  s.closedAt = null;
  s.followUpDue = null;
  s.missedReports = 0;
  s.overdue = false;
  c.alerts = noAlerts();
  if (backToTriage) {
    s.status = 'triage';
    s.lead = null;
    s.deadline = null;
    s.nextReportDue = null;
    c.journal.emit('reopened', actor, { reason, deadline: null, nextReportDue: null, note });
    return;
  }
  s.status = 'in_progress';
  const deadline = startClock(c, 'deadline', 'reworkWithin');
  clearDueSoon(s);
  const nextReportDue = startClock(c, 'nextReportDue', 'reportEvery');
  c.journal.emit('reopened', actor, { reason, deadline, nextReportDue, note }, reworkNotice(s, deadline));
}

export function closeCase(c: CaseMachine, actor: Actor, data: CaseEventData['closed']): void {
  const s: CaseState = c.state;
  lapsePendingExtensions(c, 'closed');
  s.status = 'closed';
  s.closeReason = data.reason;
  s.closedAt = nowIso();
  s.acceptDue = null;
  s.nextReportDue = null;
  s.followUpDue = null;
  c.journal.emit('closed', actor, data);
}
