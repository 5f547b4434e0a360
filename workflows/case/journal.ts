// The one way a case changes in public: every transition becomes a numbered domain event, recorded
// in order with the snapshot it produced, followed by its notification if it has one.
import { CancellationScope, isCancellation, patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseAlerts, CaseEventInput, CaseState } from '../../shared/contracts/case';
import type { CaseNotification } from '../../shared/contracts/case-events';
import { caseSearchAttributes } from '../../shared/contracts/search-attributes';
import { stampEvent } from '../../shared/domain/case-machine/stamp';
import { copyOf, type EventSink } from '../../shared/domain/case-machine/state';
import type { CaseContext } from './context';
import { alertOperators, eventsNotStored, rejectionOf, UndoneEmits, type Rejection } from './journal-refusals';
import { notify, recordTransition, recordTransitions, recordTransitionsOrRefuse } from './proxies';

/** The case's durable event sink: `emit` queues an event for recording (EventSink), the rest waits on it. */
export interface Journal extends EventSink {
  /**
   * Resolves once everything emitted so far is stored, with the snapshot of the last event. Rejects
   * with an EVENTS_NOT_STORED failure when PostgreSQL refused those events: the case is then back as
   * it was after its last stored event.
   */
  flush(): Promise<CaseState>;
  /**
   * Before continuing as new: resolves once everything emitted so far is stored (or undone) and the
   * notice being sent, if any, is in the outbox (or, `inAHurry`, cancelled); the rest wait for
   * `undelivered()`.
   */
  handOver(inAHurry: boolean): Promise<void>;
  /** Resolves once everything emitted so far is stored and every notice is in the outbox. */
  settle(): Promise<void>;
  /** Notices whose events are stored but which are not yet in the outbox, oldest first. */
  undelivered(): CaseNotification[];
  /** Events recorded by this run: the main loop continues as new after a bounded number. */
  readonly eventsThisRun: number;
}

/** The patch that moved the journal from one activity per event to batched local activities. */
export const BATCHED_JOURNAL_PATCH = 'journal-batched-local-activity';
/**
 * The patch after which an action answers once its events are stored (notices follow on their own),
 * events PostgreSQL refuses for good undo and refuse their action instead of wedging the case, and a
 * run also ends on its history's length and size and on its age (run-limits.ts). One patch for all:
 * each patch marker costs history, and the dev server then keeps a refused update's speculative task.
 */
export const REFUSING_JOURNAL_PATCH = 'refusing-journal-and-run-limits';

/** What the journal reads and, when a refusal undoes a step, puts back. */
export type JournalOwner = Pick<CaseContext, 'state' | 'alerts' | 'contacts'>;

interface Pending {
  /** The emit's number in this run; never reused, unlike `seq`, which an undo hands out again. */
  index: number;
  event: CaseEventInput;
  snapshot: CaseState;
  alerts: CaseAlerts;
  notification: CaseNotification | null;
}

/** `carriedNotices`: what the previous run had queued but not sent when it continued as new; they go first. */
export function createJournal(owner: JournalOwner, carriedNotices: CaseNotification[] = []): Journal {
  // Runs replay on the path they started on; each patch is asked once per run.
  const batched = patched(BATCHED_JOURNAL_PATCH);
  const refusing = batched && patched(REFUSING_JOURNAL_PATCH);
  let recorded: Promise<void> = Promise.resolve();
  const pending: Pending[] = [];
  let draining = false;
  let emitted = 0;
  let lastSnapshot = copyOf(owner.state);
  // What an undo restores: the state and alerts as of the last stored event.
  let stored = { snapshot: copyOf(owner.state), alerts: copyOf(owner.alerts) };
  const undone = new UndoneEmits();
  let eventsThisRun = 0;
  let publishedAttributes: string | null = null;
  const outbox: CaseNotification[] = [];
  let delivering: Promise<void> = Promise.resolve();
  let sending = false;
  let handingOver = false;
  let sendingScope: CancellationScope | null = null;

  function publishSearchAttributes(): void {
    const state = owner.state;
    const current = JSON.stringify([state.status, state.lead, state.overdue, state.escalationLevel]);
    if (current === publishedAttributes) return;
    publishedAttributes = current;
    upsertSearchAttributes(caseSearchAttributes(state));
  }

  /** Notices go out one at a time in the order their events were stored, apart from any answer. */
  function deliver(notification: CaseNotification): void {
    outbox.push(notification);
    if (sending) return;
    sending = true;
    delivering = delivering.then(async () => {
      while (!handingOver && outbox.length > 0) {
        const scope = new CancellationScope();
        sendingScope = scope;
        const sent = await scope
          .run(() => notify(outbox[0]!))
          .then(
            () => true,
            (error: unknown) => {
              if (handingOver && isCancellation(error)) return false;
              throw error;
            },
          );
        if (sent) outbox.shift();
      }
      sendingScope = null;
      sending = false;
    });
  }

  for (const notice of carriedNotices) deliver(notice);

  /**
   * Stores everything emitted so far in one local activity; events emitted meanwhile form the next
   * batch. The chain needs seq n stored before n + 1, and a notice goes out only after its event is
   * stored. Before the refusing patch each batch also waited for its notices.
   */
  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.splice(0);
      const transitions = batch.map(({ event, snapshot }) => ({ event, snapshot }));
      if (!refusing) {
        await recordTransitions(transitions);
        for (const { notification } of batch) if (notification) await notify(notification);
        continue;
      }
      try {
        await recordTransitionsOrRefuse(transitions, { refuseUnstorable: true });
      } catch (error) {
        const rejection = rejectionOf(error);
        if (rejection === null) throw error;
        // Everything queued behind the refused batch was chained onto it: it goes too.
        undo([...batch, ...pending.splice(0)], rejection);
        continue;
      }
      const last = batch[batch.length - 1]!;
      stored = { snapshot: last.snapshot, alerts: last.alerts };
      for (const { notification } of batch) if (notification) deliver(notification);
    }
    draining = false;
  }

  /** Puts the case back as it was after its last stored event, and says so to whoever waits and to operators. */
  function undo(discarded: Pending[], rejection: Rejection): void {
    const state = owner.state;
    for (const key of Object.keys(state)) delete (state as unknown as Record<string, unknown>)[key];
    Object.assign(state, copyOf(stored.snapshot));
    owner.alerts = copyOf(stored.alerts);
    lastSnapshot = copyOf(stored.snapshot);
    eventsThisRun -= discarded.length;
    publishSearchAttributes();
    undone.add(discarded[0]!.index, discarded[discarded.length - 1]!.index, eventsNotStored(state, rejection));
    const events = discarded.map(({ event }) => event);
    const alert = alertOperators(state.id, events, rejection, owner.contacts.officeUnitId);
    if (alert) deliver(alert);
  }

  return {
    emit(type, actor, data, notice) {
      const { event, snapshot, notification } = stampEvent(owner.state, type, actor, data, notice);
      lastSnapshot = snapshot;
      emitted += 1;
      eventsThisRun += 1;
      publishSearchAttributes();
      if (batched) {
        pending.push({ index: emitted, event, snapshot, alerts: copyOf(owner.alerts), notification });
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
      // An emit undone before this call was not the caller's: its own steps run synchronously before it.
      const mine = undone.refusalOf(emitted) ? null : emitted;
      await recorded;
      const refusal = mine === null ? null : undone.refusalOf(mine);
      if (refusal) throw refusal;
      return snapshot;
    },
    async handOver(inAHurry) {
      do await recorded;
      while (draining);
      handingOver = true;
      // In a hurry (the history is long) the notice being sent is cancelled and handed over too, to be
      // sent again by the next run (notify is idempotent per id): the run ends in this very task.
      // Otherwise it finishes here, and only the queued ones are handed over.
      if (inAHurry) sendingScope?.cancel();
      await delivering;
    },
    async settle() {
      do {
        await recorded;
        await delivering;
      } while (draining || sending);
    },
    undelivered: () => [...outbox],
    get eventsThisRun() {
      return eventsThisRun;
    },
  };
}
