// What each case action changes (docs/case-actions.md). Who may take it and when is the case-action
// table's (shared/domain/case-rules.ts), checked by every Update's validator before anything moves;
// what is left here is each action's state change and the few checks that need its input. All are
// registered in one loop: validate → apply → journal.
import type { UpdateDefinition } from '@temporalio/common';
import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import { CASE_ACTION_UPDATES, type CaseActionArgs, type CaseState } from '../../shared/contracts/case';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { CASE_ACTIONS, whenRefusal, whoRefusal, type CaseAction } from '../../shared/domain/case-rules';
import { escalate } from './escalation';
import { repinCalendar } from './calendar-actions';
import { acknowledgeInstruction, instruct } from './instruction-actions';
import { refuse, refuseIf } from '../../shared/domain/case-machine/refusals';
import { caseFactsOf, requireActor } from './guards';
import {
  awaitingFollowUpNotice,
  extensionRequestedNotice,
  returnedNotice,
} from '../../shared/domain/case-machine/notices';
import { setAbsolutely, startClock } from '../../shared/domain/case-machine/clock-starts';
import { dueFrom, nowIso, type NoticeDraft } from '../../shared/domain/case-machine/state';
import type { CaseContext } from './context';
import {
  assignTo,
  clearDueSoon,
  closeCase,
  dispatchTo,
  lapsePendingExtensions,
  reopen,
  startWork,
} from '../../shared/domain/case-machine/transitions';

export interface ActionDefinition<A extends CaseAction> {
  /** The same request again (one batch dispatching twice): answered with the case, nothing new. */
  isRepeat?: (s: CaseState, args: CaseActionArgs[A]) => boolean;
  /** A refusal that says more than the status would: checked after the caller, before the status. */
  precheck?: (s: CaseState, args: CaseActionArgs[A]) => void;
  /** What the table cannot know because it depends on the input: checked last. */
  guard?: (s: CaseState, args: CaseActionArgs[A]) => void;
  /**
   * For an action an earlier run applied (applied-updates.ts), the part of its first answer beyond
   * the case (an extension request's id), found again in the state.
   */
  repeatAnswer?: (s: CaseState, args: CaseActionArgs[A]) => object | undefined;
  /** The state change, with its events emitted in the same synchronous step. */
  apply: (c: CaseContext, args: CaseActionArgs[A]) => { requestId: string } | void;
}

type ActionDefinitions = { [A in CaseAction]: ActionDefinition<A> };

/**
 * The patch after which the office is told of returns, extension requests and resolutions awaiting
 * follow-up: each such notice is an activity the runs before it did not schedule.
 */
export const OFFICE_NOTICES_PATCH = 'office-notices';

/** The office's notice, from runs that reached the patch on; none in runs that replay from before it. */
const officeNotice = (draft: () => NoticeDraft): NoticeDraft | undefined =>
  patched(OFFICE_NOTICES_PATCH) ? draft() : undefined;

function pendingRequest(s: CaseState, requestId: string) {
  const request = s.extensions.find((candidate) => candidate.requestId === requestId);
  if (!request) refuse(s, 'UNKNOWN_EXTENSION_REQUEST', `no extension request ${requestId}`);
  if (request.status !== 'pending')
    refuse(s, 'EXTENSION_ALREADY_DECIDED', `request ${requestId} was ${request.status}`);
  return request;
}

const ACTIONS: ActionDefinitions = {
  accept: { apply: (c, { actor }) => startWork(c, actor) },

  // The unit that returned the case no longer leads it: the office triages it again.
  return: {
    apply: (c, { actor, reason }) => {
      const s = c.state;
      const unitId = s.lead ?? '';
      s.status = 'triage';
      s.lead = null;
      s.acceptDue = null;
      c.journal.emit('returned', actor, { unitId, reason });
      c.journal.emit(
        'triaged',
        SYSTEM_ACTOR,
        { reason: 'returned' },
        officeNotice(() => returnedNotice(s, c.contacts.officeUnitId, unitId, reason)),
      );
    },
  },

  // On time or late, a report starts the count of missed reports afresh.
  report: {
    apply: (c, { actor, progress, measures, percentDone, blockers }) => {
      const s = c.state;
      const dueAt = s.nextReportDue ?? nowIso();
      const onTime = s.missedReports === 0;
      s.missedReports = 0;
      const nextReportDue = startClock(c, 'nextReportDue', 'reportEvery');
      c.journal.emit('report_submitted', actor, {
        reportId: uuid4(),
        unitId: actor.unitId ?? '',
        progress,
        measures: measures ?? null,
        percentDone: percentDone ?? null,
        blockers: blockers ?? null,
        dueAt,
        onTime,
        nextReportDue,
      });
    },
  },

  contribute: {
    apply: (c, { actor, progress, measures }) => {
      c.journal.emit('contribution_added', actor, {
        contributionId: uuid4(),
        unitId: actor.unitId ?? '',
        progress,
        measures: measures ?? null,
      });
    },
  },

  requestExtension: {
    repeatAnswer: (s, { actor, until }) => {
      const normalisedUntil = new Date(until).toISOString();
      const asked = s.extensions.filter((r) => r.unitId === (actor.unitId ?? '') && r.until === normalisedUntil);
      const request = asked[asked.length - 1];
      return request ? { requestId: request.requestId } : undefined;
    },
    guard: (s, { until }) => {
      if (!(Date.parse(until) > Date.parse(s.deadline ?? ''))) {
        refuse(s, 'EXTENSION_NOT_LATER', `until must be after ${s.deadline ?? ''}`);
      }
    },
    apply: (c, { actor, until, reason }) => {
      // Unique beyond the case (the ledger keys requests by it) and deterministic on replay.
      const requestId = uuid4();
      const unitId = actor.unitId ?? '';
      const normalisedUntil = new Date(until).toISOString();
      c.state.extensions.push({
        requestId,
        unitId,
        until: normalisedUntil,
        reason,
        requestedAt: nowIso(),
        status: 'pending',
        note: null,
        decidedAt: null,
      });
      const request = { requestId, unitId, until: normalisedUntil, reason };
      c.journal.emit(
        'extension_requested',
        actor,
        request,
        officeNotice(() => extensionRequestedNotice(c.state, c.contacts.officeUnitId, request)),
      );
      return { requestId };
    },
  },

  // Approved: the deadline moves (and a case that was overdue is no longer, if it now lies ahead).
  decideExtension: {
    guard: (s, { requestId }) => void pendingRequest(s, requestId),
    apply: (c, { actor, requestId, approve, note }) => {
      const s = c.state;
      const request = pendingRequest(s, requestId);
      request.status = approve ? 'approved' : 'denied';
      request.note = note ?? null;
      request.decidedAt = nowIso();
      if (approve) {
        setAbsolutely(s, 'deadline', request.until);
        clearDueSoon(s);
        if (Date.parse(request.until) > Date.now()) s.overdue = false;
      }
      c.journal.emit('extension_decided', actor, {
        requestId,
        approved: approve,
        note: request.note,
        deadline: s.deadline ?? request.until,
      });
    },
  },

  resolve: {
    apply: (c, { actor, measures, outcome }) => {
      const s = c.state;
      const unitId = actor.unitId ?? '';
      lapsePendingExtensions(c, 'resolved');
      s.status = 'verifying';
      s.resolution = { unitId, measures, outcome, resolvedAt: nowIso() };
      s.nextReportDue = null;
      s.followUpDue = dueFrom(c, c.clock.followUpWithin);
      c.alerts.followUpReminded = false;
      const followUpDue = s.followUpDue;
      c.journal.emit(
        'resolved',
        actor,
        { unitId, measures, outcome, followUpDue },
        officeNotice(() => awaitingFollowUpNotice(s, c.contacts.officeUnitId, followUpDue)),
      );
    },
  },

  // Satisfied closes the case as resolved; unsatisfied sends it back to its lead (重办).
  followUp: {
    apply: (c, { actor, satisfied, note }) => {
      c.journal.emit('followed_up', actor, { satisfied, note: note ?? null });
      if (satisfied) {
        const measures = c.state.resolution?.measures ?? null;
        closeCase(c, actor, { reason: 'resolved', duplicateOf: null, note: note ?? null, measures });
      } else {
        reopen(c, actor, 'follow_up_unsatisfied', note ?? null);
      }
    },
  },

  assign: {
    apply: (c, { actor, lead, coHandlers, note }) =>
      assignTo(c, actor, lead, coHandlers ?? c.state.coHandlers, note ?? null),
  },

  close: {
    guard: (s, { duplicateOf }) => {
      if (duplicateOf === s.id) refuse(s, 'INVALID_INPUT', 'a case cannot duplicate itself');
    },
    apply: (c, { actor, reason, duplicateOf, note }) =>
      closeCase(c, actor, { reason, duplicateOf: duplicateOf ?? null, note: note ?? null, measures: null }),
  },

  escalate: {
    guard: (s, { level }) => {
      if (level <= s.escalationLevel) refuse(s, 'INVALID_STATE', `the case is already at level ${s.escalationLevel}`);
    },
    apply: (c, { actor, level, note }) => escalate(c, level, 'by_hand', { actor, note }),
  },

  // Idempotent per batch: the batch that dispatched the case asking again is answered, not refused.
  dispatch: {
    isRepeat: (s, { batchId }) => s.dispatch?.batchId === batchId,
    precheck: (s) => {
      if (s.dispatch !== null) refuse(s, 'ALREADY_DISPATCHED', `dispatched by batch ${s.dispatch.batchNumber}`);
    },
    guard: (s) => {
      if (s.lead === null) refuse(s, 'INVALID_STATE', 'a case without a lead cannot be dispatched');
    },
    apply: (c, { actor, batchId, batchNumber }) =>
      dispatchTo(c, actor, { id: batchId, number: batchNumber, at: nowIso() }),
  },

  reopen: { apply: (c, { actor, reason, note }) => reopen(c, actor, reason, note ?? null) },

  instruct,
  acknowledgeInstruction,
  repinCalendar,
};

/** Refuses (no trace in history) unless the table and the action's own checks allow it. */
function validate<A extends CaseAction>(s: CaseState, action: A, args: CaseActionArgs[A]): void {
  const actor = requireActor(s, args?.actor);
  const facts = caseFactsOf(s);
  refuseIf(s, whoRefusal(action, actor, facts));
  const definition: ActionDefinition<A> = ACTIONS[action];
  if (definition.isRepeat?.(s, args)) return;
  definition.precheck?.(s, args);
  refuseIf(s, whenRefusal(action, facts, Date.now()));
  definition.guard?.(s, args);
}

function register<A extends CaseAction>(c: CaseContext, action: A): void {
  const definition: ActionDefinition<A> = ACTIONS[action];
  // One definition per action name: the cast only forgets which action the loop is at.
  const update = CASE_ACTION_UPDATES[action] as unknown as UpdateDefinition<CaseState, [CaseActionArgs[A]]>;
  setHandler(
    update,
    async (args: CaseActionArgs[A]) => {
      // Applied by an earlier run of the case (applied-updates.ts): answered, not applied again.
      if (c.applied.isRepeat()) return { ...(await c.journal.flush()), ...definition.repeatAnswer?.(c.state, args) };
      if (definition.isRepeat?.(c.state, args)) return c.journal.flush();
      const extra = definition.apply(c, args);
      const stored = await c.journal.flush();
      c.applied.remember();
      return { ...stored, ...extra };
    },
    {
      validator: (args: CaseActionArgs[A]) => {
        if (!c.applied.isRepeat()) validate(c.state, action, args);
      },
    },
  );
}

export function registerCaseActions(c: CaseContext): void {
  for (const action of CASE_ACTIONS) register(c, action);
}
