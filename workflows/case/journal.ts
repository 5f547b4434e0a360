// The one way a case changes in public: every transition becomes a numbered domain event, recorded
// in order with the snapshot it produced, followed by its notification if it has one.
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseEventInput, CaseState } from '../../shared/case-contract';
import { caseEvent, type CaseEventData, type CaseEventType, type CaseNotification } from '../../shared/case-events';
import type { Actor } from '../../shared/domain/actor';
import { caseSearchAttributeKeys as keys } from '../../shared/search-attributes';
import { notify, recordTransition, recordTransitions } from './proxies';
import { copyOf, nowIso } from './state';

/** A notification before the journal gives it its id, case and time. */
export type NoticeDraft = Omit<CaseNotification, 'id' | 'caseId' | 'at'>;

export interface Journal {
  /**
   * Stamps the next event with the state as it is now and queues it (and its notice) for recording.
   * Synchronous on purpose: a handler changes the state and emits in one step, so no other handler
   * or timer can interleave between a change and its event.
   */
  emit<T extends CaseEventType>(type: T, actor: Actor, data: CaseEventData[T], notice?: NoticeDraft): void;
  /** Resolves once everything emitted so far is stored, with the snapshot of the last event. */
  flush(): Promise<CaseState>;
  /** Events recorded by this run: the main loop continues as new after a bounded number. */
  readonly eventsThisRun: number;
}

/** The patch that moved the journal from one activity per event to batched local activities. */
export const BATCHED_JOURNAL_PATCH = 'journal-batched-local-activity';

interface Pending {
  event: CaseEventInput;
  snapshot: CaseState;
  notification: CaseNotification | null;
}

export function createJournal(state: CaseState): Journal {
  // Runs started before the patch replay their one-activity-per-event history unchanged.
  const batched = patched(BATCHED_JOURNAL_PATCH);
  let recorded: Promise<void> = Promise.resolve();
  const pending: Pending[] = [];
  let draining = false;
  let lastSnapshot = copyOf(state);
  let eventsThisRun = 0;
  let publishedAttributes: string | null = null;

  function publishSearchAttributes(): void {
    const current = JSON.stringify([state.status, state.lead, state.overdue, state.escalationLevel]);
    if (current === publishedAttributes) return;
    publishedAttributes = current;
    upsertSearchAttributes([
      { key: keys.status, value: state.status },
      { key: keys.leadUnit, value: state.lead },
      { key: keys.locality, value: state.locality },
      { key: keys.category, value: state.category },
      { key: keys.overdue, value: state.overdue },
      { key: keys.escalationLevel, value: state.escalationLevel },
    ]);
  }

  /**
   * Stores everything emitted so far in one local activity, then sends its notices in order; events
   * emitted meanwhile form the next batch. The chain still needs seq n stored before n + 1, and a
   * notice goes out only after its event is stored.
   */
  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.splice(0);
      await recordTransitions(batch.map(({ event, snapshot }) => ({ event, snapshot })));
      for (const { notification } of batch) if (notification) await notify(notification);
    }
    draining = false;
  }

  return {
    emit(type, actor, data, notice) {
      state.seq += 1;
      state.updatedAt = nowIso();
      const event = caseEvent({
        caseId: state.id,
        seq: state.seq,
        type,
        at: state.updatedAt,
        actor,
        data,
      });
      const snapshot = copyOf(state);
      lastSnapshot = snapshot;
      eventsThisRun += 1;
      publishSearchAttributes();
      const notification: CaseNotification | null =
        notice && notice.recipientUnitIds.length > 0
          ? { ...notice, id: `${state.id}:${state.seq}`, caseId: state.id, at: event.at }
          : null;
      if (batched) {
        pending.push({ event, snapshot, notification });
        if (!draining) {
          draining = true;
          recorded = recorded.then(drain);
        }
        return;
      }
      // Each step waits for the one before: the audit chain needs seq n stored before n + 1.
      recorded = recorded.then(async () => {
        await recordTransition(event, snapshot);
        if (notification) await notify(notification);
      });
    },
    async flush() {
      const snapshot = lastSnapshot;
      await recorded;
      return snapshot;
    },
    get eventsThisRun() {
      return eventsThisRun;
    },
  };
}
