// One reported problem, from report to closure (docs/domain.md "The case lifecycle"). People move the
// case through validated updates; the main loop below does what the clocks demand when nobody acts.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { caseStateQuery, intakeUpdate, type CaseState, type CaseWorkflowInput } from '../shared/contracts/case';
import { CaseErrors } from '../shared/contracts/case-errors';
import { nextDue } from './case/clocks';
import { registerCaseActions } from './case/actions';
import { AppliedUpdates } from './case/applied-updates';
import { fireDue } from './case/escalation';
import { intake } from './case/intake';
import { createJournal } from './case/journal';
import { runLimits, type RunLimits } from './case/run-limits';
import { noAlerts, policyClock, reopenWindowOf, reportedState } from '../shared/domain/case-machine/state';
import type { CaseContext } from './case/context';

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseState> {
  const state = input.carried?.state ?? reportedState(input);
  const owner = {
    state,
    alerts: input.carried?.alerts ?? noAlerts(),
    clock: policyClock(state.policy),
    contacts: input.escalationContacts ?? { officeUnitId: null, leadershipUnitId: null },
    reopenWindow: reopenWindowOf(input.options),
  };
  // One object: the journal puts state and alerts back on the same context the handlers change.
  const c: CaseContext = Object.assign(owner, {
    journal: createJournal(owner, input.undeliveredNotices),
    applied: new AppliedUpdates(input.carried?.appliedUpdateIds),
  });
  const limits = runLimits(input.options);

  // Handlers first, so nothing sent with the start is lost; intake answers once it is stored.
  let intakeDone = input.carried !== undefined;
  let intakeRefused: ApplicationFailure | null = null;
  setHandler(caseStateQuery, () => c.state);
  setHandler(intakeUpdate, async () => {
    await condition(() => intakeDone);
    if (intakeRefused !== null) throw intakeRefused;
    return c.journal.flush();
  });
  registerCaseActions(c);

  if (!input.carried) intakeRefused = await intakeRefusal(c, input);
  intakeDone = true;
  // A case whose report could not be stored has nothing to supervise: the operators were alerted.
  const ending = intakeRefused === null ? await superviseUntilSettled(c, limits) : 'settled';
  if (ending !== 'settled') {
    // Notices still queued go with the case into the next run rather than holding this one open; an
    // old run is in no hurry and lets the notice being sent finish first.
    await c.journal.handOver(ending === 'continue');
    await condition(allHandlersFinished);
    const next: CaseWorkflowInput = {
      ...input,
      carried: { state: c.state, alerts: c.alerts, appliedUpdateIds: c.applied.carried() },
    };
    delete next.undeliveredNotices;
    const undelivered = c.journal.undelivered();
    if (undelivered.length > 0) next.undeliveredNotices = undelivered;
    return continueAsNew<typeof caseWorkflow>(next);
  }
  // The last run of the case: nothing follows it, so every notice must be in the outbox first.
  await c.journal.settle();
  await condition(allHandlersFinished);
  await c.journal.settle();
  return c.state;
}

/** Runs intake; the EVENTS_NOT_STORED failure when PostgreSQL refused the report's events, else null. */
async function intakeRefusal(c: CaseContext, input: CaseWorkflowInput): Promise<ApplicationFailure | null> {
  try {
    await intake(c, input);
    return null;
  } catch (error) {
    if (isEventsNotStored(error)) return error;
    throw error;
  }
}

const isEventsNotStored = (error: unknown): error is ApplicationFailure =>
  error instanceof ApplicationFailure && error.type === CaseErrors.EVENTS_NOT_STORED;

/**
 * The main loop: sleep until the next due instant or until the state changes (every change bumps
 * `seq`, and an undo moves it back), then act on what is due. Returns when the case is closed for
 * good, or when this run's history is long or old enough that the case should continue as new.
 */
async function superviseUntilSettled(
  c: CaseContext,
  limits: RunLimits,
): Promise<'settled' | 'continue' | 'continue-aged'> {
  const historyIsLong = () => limits.reached(c.journal.eventsThisRun);
  // A clock whose events PostgreSQL refuses is tried again later, not at once: the refusal is final
  // for that data, and the alert has gone out. Any change of the case wakes the loop earlier.
  let refusedDue: { action: string; retryAt: number } | null = null;
  for (;;) {
    if (historyIsLong()) return 'continue';
    if (limits.aged()) return 'continue-aged';
    const due = nextDue(c);
    if (due === null && c.state.status === 'closed') return 'settled';
    const seen = c.state.seq;
    const changed = () => c.state.seq !== seen || historyIsLong();
    const dueAt = due && refusedDue?.action === due.action ? Math.max(due.at, refusedDue.retryAt) : due?.at;
    const wake = limits.wakeAt(dueAt ?? null);
    if (wake === null) {
      await condition(changed);
      continue;
    }
    const wait = wake - Date.now();
    if (wait > 0) {
      const changedBeforeDue = await condition(changed, wait);
      if (changedBeforeDue) continue;
    }
    // Woken by the run's age limit rather than by what was due: the loop's top continues as new.
    if (due === null || wake !== dueAt) continue;
    if (due.action === 'retire') return 'settled';
    fireDue(c, due);
    try {
      await c.journal.flush();
      refusedDue = null;
    } catch (error) {
      if (!isEventsNotStored(error)) throw error;
      refusedDue = { action: due.action, retryAt: Date.now() + limits.refusedClockRetry };
    }
  }
}
