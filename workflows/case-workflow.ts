// One reported problem, from report to closure (docs/domain.md "The case lifecycle"). People move the
// case through validated updates; the main loop below does what the clocks demand when nobody acts.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { caseStateQuery, intakeUpdate, type CaseState, type CaseWorkflowInput } from '../shared/case-contract';
import { nextDue } from './case/clocks';
import { registerCaseActions } from './case/actions';
import { fireDue } from './case/escalation';
import { intake } from './case/intake';
import { createJournal } from './case/journal';
import {
  DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
  noAlerts,
  policyClock,
  reopenWindowOf,
  reportedState,
  type CaseContext,
} from './case/state';

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseState> {
  const state = input.carried?.state ?? reportedState(input);
  const c: CaseContext = {
    state,
    alerts: input.carried?.alerts ?? noAlerts(),
    clock: policyClock(state.policy),
    contacts: input.escalationContacts ?? { officeUnitId: null, leadershipUnitId: null },
    reopenWindow: reopenWindowOf(input.options),
    journal: createJournal(state),
  };

  // Handlers first, so nothing sent with the start is lost; intake answers once it is stored.
  let intakeDone = input.carried !== undefined;
  setHandler(caseStateQuery, () => c.state);
  setHandler(intakeUpdate, async () => {
    await condition(() => intakeDone);
    return c.journal.flush();
  });
  registerCaseActions(c);

  if (!input.carried) await intake(c, input);
  intakeDone = true;

  const ending = await superviseUntilSettled(c, input.options?.continueAsNewAfterEvents);
  await c.journal.flush();
  await condition(allHandlersFinished);
  if (ending === 'continue') {
    return continueAsNew<typeof caseWorkflow>({ ...input, carried: { state: c.state, alerts: c.alerts } });
  }
  return c.state;
}

/**
 * The main loop: sleep until the next due instant or until the state changes (every change bumps
 * `seq`), then act on what is due. Returns when the case is closed for good, or when this run's
 * history is long enough that the case should continue as new.
 */
async function superviseUntilSettled(
  c: CaseContext,
  maxEvents = DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
): Promise<'settled' | 'continue'> {
  const historyIsLong = () => c.journal.eventsThisRun >= maxEvents || workflowInfo().continueAsNewSuggested;
  for (;;) {
    if (historyIsLong()) return 'continue';
    const due = nextDue(c);
    if (due === null && c.state.status === 'closed') return 'settled';
    const seen = c.state.seq;
    const changed = () => c.state.seq !== seen || historyIsLong();
    if (due === null) {
      await condition(changed);
      continue;
    }
    const wait = due.at - Date.now();
    if (wait > 0) {
      const changedBeforeDue = await condition(changed, wait);
      if (changedBeforeDue) continue;
    }
    if (due.action === 'retire') return 'settled';
    fireDue(c, due);
    await c.journal.flush();
  }
}
