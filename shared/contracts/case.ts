// The contract between the API, the worker and the case workflow: the workflow's input, the state
// it exposes, the events it emits, and the message definitions. Importable from workflow code.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseEvent, CaseNotification } from './case-events';
import type { Actor } from '../domain/actor';
import type { CaseActionInput, HttpCaseAction } from '../domain/case-action-inputs';
import type { CaseAction } from '../domain/case-rules';
import type { CarriedCase, CaseIntake, CaseState } from '../domain/case-schema';
import type { WorkingCalendar } from '../domain/working-days';

// The case's shape is declared once, in zod (shared/domain/case-schema.ts); imported here as types
// only, so the workflow bundle never carries zod.
export type { CaseAlerts, CarriedCase, CaseState, ExtensionRequest, Instruction } from '../domain/case-schema';

export const DEFAULT_TASK_QUEUE = 'duban';

/** The case id is the workflow id: one case, one workflow, and a retried start cannot make two. */
export const caseWorkflowId = (caseId: string): string => caseId;

/** Who hears about escalations beyond the lead unit: filled by the API from the unit registry. */
export interface EscalationContacts {
  /** The office (活动办): level-1 notices and follow-up reminders. */
  officeUnitId: string | null;
  /** The leadership group (领导小组): level-2 escalations. */
  leadershipUnitId: string | null;
}

/** The case as intake accepted and routed it (CaseIntakeSchema), and how this run should behave. */
export interface CaseWorkflowInput extends CaseIntake {
  /** Absent: escalations reach the lead unit only. */
  escalationContacts?: EscalationContacts;
  /** Set only by the workflow itself when it continues as new: the case as the last run left it. */
  carried?: CarriedCase;
  /** Set only by the workflow itself: notices the last run stored the events of but had not yet sent. */
  undeliveredNotices?: CaseNotification[];
  options?: CaseWorkflowOptions;
}

export interface CaseWorkflowOptions {
  /** Events one run records before it continues as new (default 500; tests force it lower). */
  continueAsNewAfterEvents?: number;
  /** History events one run may reach before it continues as new (default 5,000; tests force it lower). */
  continueAsNewAfterHistoryEvents?: number;
  /** How long a case closed as resolved or on the spot stays open to a spot check's reopen (default P30D). */
  reopenWindow?: string;
}

/** One audit-trail entry as the workflow emits it: a CaseEvent, its `data` typed by its `type`. */
export type CaseEventInput = CaseEvent;

export const caseStateQuery = defineQuery<CaseState>('caseState');

/**
 * Sent with the workflow's start (update-with-start): answers once the `reported` event is stored,
 * so the caller of `POST /v1/cases` can read its own write at once. Retried intake of the same case
 * id attaches to the running workflow instead of starting a second one.
 */
export const intakeUpdate = defineUpdate<CaseState>('intake');

// Case actions (docs/case-actions.md): one Update per action of the case-action table, under the
// action's name. Each takes the acting principal plus the action's input, is refused by its validator
// with a `CaseErrors` type (no trace in history), and answers the case as it is once the action's
// events are stored.
// An action without input (accept) infers zod's `Record<string, never>`, which no actor would fit.
type Acting<Input> = { actor: Actor } & (Input extends Record<string, never> ? object : Input);

export type CaseActionArgs = {
  [A in HttpCaseAction]: Acting<
    A extends 'decideExtension'
      ? CaseActionInput[A] & { requestId: string }
      : A extends 'acknowledgeInstruction'
        ? { instructionId: string }
        : A extends 'repinCalendar'
          ? CaseActionInput[A] & { calendar: WorkingCalendar }
          : CaseActionInput[A]
  >;
} & {
  dispatch: Acting<{ batchId: string; batchNumber: number }>;
  reopen: Acting<{ reason: 'spot_check_failed'; note?: string }>;
};

export type ExtensionRequested = CaseState & { requestId: string };

/** What each action's Update answers: the case after it (an extension request also names itself). */
export type CaseActionResult<A extends CaseAction> = A extends 'requestExtension' ? ExtensionRequested : CaseState;

const caseActionUpdate = <A extends CaseAction>(action: A) =>
  defineUpdate<CaseActionResult<A>, [CaseActionArgs[A]]>(action);

export const CASE_ACTION_UPDATES = {
  accept: caseActionUpdate('accept'),
  return: caseActionUpdate('return'),
  report: caseActionUpdate('report'),
  contribute: caseActionUpdate('contribute'),
  requestExtension: caseActionUpdate('requestExtension'),
  decideExtension: caseActionUpdate('decideExtension'),
  resolve: caseActionUpdate('resolve'),
  followUp: caseActionUpdate('followUp'),
  assign: caseActionUpdate('assign'),
  close: caseActionUpdate('close'),
  escalate: caseActionUpdate('escalate'),
  /** Sent by a dispatch batch; the same batch asking again gets the case as it is, nothing new. */
  dispatch: caseActionUpdate('dispatch'),
  /** Sent by the supervision's spot check while a closed case is still within its reopen window. */
  reopen: caseActionUpdate('reopen'),
  /** A leader's instruction (领导批示); new in v1.1, so no run before it ever received one. */
  instruct: caseActionUpdate('instruct'),
  acknowledgeInstruction: caseActionUpdate('acknowledgeInstruction'),
  /** The office re-pins the calendar (docs/calendar.md); new in v1.1, so no run before it ever received one. */
  repinCalendar: caseActionUpdate('repinCalendar'),
} satisfies { [A in CaseAction]: ReturnType<typeof caseActionUpdate<A>> };

export const {
  accept: acceptUpdate,
  return: returnUpdate,
  report: reportUpdate,
  contribute: contributeUpdate,
  requestExtension: requestExtensionUpdate,
  decideExtension: decideExtensionUpdate,
  resolve: resolveUpdate,
  followUp: followUpUpdate,
  assign: assignUpdate,
  close: closeUpdate,
  escalate: escalateUpdate,
  dispatch: dispatchUpdate,
  reopen: reopenUpdate,
} = CASE_ACTION_UPDATES;
