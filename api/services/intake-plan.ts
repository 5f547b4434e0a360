// A report placed by the case's own state machine, before anything is stored: the events that open
// its chain (`reported` and its outcome), the state they leave, and the notices they owe. The intake
// transaction stores the events; the workflow starts from the state (`carried`) and sends the notices.
import type { CaseWorkflowInput } from '../../shared/contracts/case';
import type { DispatchBatchHeader } from '../../shared/contracts/dispatch';
import type { Transition } from '../../shared/db/case-store';
import { placeReported } from '../../shared/domain/case-machine/placement';
import { stampEvent, type StampedEvent } from '../../shared/domain/case-machine/stamp';
import {
  noAlerts,
  policyClock,
  reopenWindowOf,
  reportedState,
  type CaseMachine,
  type EventSink,
} from '../../shared/domain/case-machine/state';

export interface IntakePlan {
  /** What the case's workflow starts with: the input, the placed case, and its notices to send. */
  input: CaseWorkflowInput;
  transitions: Transition[];
}

export function planIntake(input: CaseWorkflowInput, urgentBatch: DispatchBatchHeader | null): IntakePlan {
  const stamped: StampedEvent[] = [];
  const collector: EventSink = {
    emit(type, actor, data, notice) {
      stamped.push(stampEvent(machine.state, type, actor, data, notice));
    },
  };
  const machine: CaseMachine = {
    state: reportedState(input),
    alerts: noAlerts(),
    clock: policyClock(input.policy),
    contacts: input.escalationContacts ?? { officeUnitId: null, leadershipUnitId: null },
    reopenWindow: reopenWindowOf(input.options),
    journal: collector,
  };
  placeReported(machine, input, urgentBatch);

  const notices = stamped.flatMap(({ notification }) => (notification ? [notification] : []));
  const placed: CaseWorkflowInput = { ...input, carried: { state: machine.state, alerts: machine.alerts } };
  if (notices.length > 0) placed.undeliveredNotices = notices;
  return { input: placed, transitions: stamped.map(({ event, snapshot }) => ({ event, snapshot })) };
}
