import type { CaseEventInput, CaseState } from '../../contracts/case';
import { caseEvent, type CaseEventData, type CaseEventType, type CaseNotification } from '../../contracts/case-events';
import type { Actor } from '../actor';
import { copyOf, nowIso, type NoticeDraft } from './state';

/** One transition as it is stored: the event, the state it produced, and its notice if anyone gets one. */
export interface StampedEvent {
  event: CaseEventInput;
  snapshot: CaseState;
  notification: CaseNotification | null;
}

/**
 * Numbers the next event of the case and stamps it with the state as it is now: the one way an
 * event is made, whether the workflow's journal or intake in the API (api/services/intake-plan.ts)
 * records it. Bumps `seq` and `updatedAt` on `state`; the notice's id is the event's.
 */
export function stampEvent<T extends CaseEventType>(
  state: CaseState,
  type: T,
  actor: Actor,
  data: CaseEventData[T],
  notice?: NoticeDraft,
): StampedEvent {
  state.seq += 1;
  state.updatedAt = nowIso();
  const event = caseEvent({ caseId: state.id, seq: state.seq, type, at: state.updatedAt, actor, data });
  const notification: CaseNotification | null =
    notice && notice.recipientUnitIds.length > 0
      ? { ...notice, id: `${state.id}:${state.seq}`, caseId: state.id, at: event.at }
      : null;
  return { event, snapshot: copyOf(state), notification };
}
