// The case-action table (docs/case-actions.md): for every action a person or the system takes on a
// case, who may take it (role and relation to the case), in which statuses, what else must hold,
// and where it sits on the HTTP API. The API's checks, the workflow's Update validators, each case
// view's `allowedActions` and the tests all read this one table. Each action's input schema is in
// `case-action-inputs.ts` (zod, kept apart so the workflow bundle carries no zod) and its state
// change in `workflows/case/actions.ts`. Pure and zod-free: workflow code imports it.
import type { CaseErrorType } from '../contracts/case-errors';
import type { Actor } from './actor';
import type { CaseStatus, CloseReason } from './enums';

export const CASE_ACTIONS = [
  'accept',
  'return',
  'report',
  'contribute',
  'requestExtension',
  'decideExtension',
  'resolve',
  'followUp',
  'assign',
  'close',
  'escalate',
  'dispatch',
  'reopen',
  'instruct',
  'acknowledgeInstruction',
  'repinCalendar',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** How a caller stands to a case: a role, or a unit or visitor in a relation to this case. */
export type Party = 'lead' | 'coHandler' | 'reporter' | 'office' | 'leader' | 'admin' | 'system';

/** What the table needs to know about a case; built from the workflow's state or the read model. */
export interface CaseFacts {
  status: CaseStatus;
  lead: string | null;
  coHandlers: readonly string[];
  /** The account or token that reported the case (a visitor follows up only its own reports). */
  reportedBy: string;
  closeReason: CloseReason | null;
  /** Epoch milliseconds of the deadline in force, null until the lead signs for the case. */
  deadline: number | null;
  /** The extension request waiting for the office, if any: one at a time. */
  pendingExtensionId: string | null;
  escalationLevel: number;
  /** Leaders' instructions the lead has not acknowledged (absent: none known, no ack path offered). */
  openInstructionIds?: readonly string[];
  /** The case's pinned policy counts working days (absent: not known to, so no re-pin offered). */
  countsWorkingDays?: boolean;
}

/** A condition beyond role and status, with the refusal a caller gets when it does not hold. */
interface Condition {
  holds: (c: CaseFacts, now: number) => boolean;
  refusal: CaseErrorType;
  message: (c: CaseFacts) => string;
}

export interface CaseActionRule {
  who: readonly Party[];
  when: readonly CaseStatus[];
  /** Checked after role and status, in order. */
  unless?: readonly Condition[];
  /** Under `/v1/cases/{id}/`; null for actions taken by the system or through another route. */
  path: string | null;
}

const OPEN: readonly CaseStatus[] = ['triage', 'queued', 'assigned', 'in_progress', 'verifying'];

/** Closed as resolved or on the spot: a failed spot check may reopen it while its window lasts. */
export const REOPENABLE_CLOSE_REASONS = ['resolved', 'on_spot'] as const satisfies readonly CloseReason[];

export const isReopenable = (c: { status: string; closeReason: CloseReason | null }): boolean =>
  c.status === 'closed' &&
  c.closeReason !== null &&
  (REOPENABLE_CLOSE_REASONS as readonly string[]).includes(c.closeReason);

const beforeDeadline: Condition = {
  // An extension is asked for while the deadline still lies ahead, never after it passed.
  holds: (c, now) => c.deadline !== null && now < c.deadline,
  refusal: 'EXTENSION_NOT_BEFORE_DEADLINE',
  message: () => 'the deadline has passed',
};
const noPendingExtension: Condition = {
  // One open request at a time, so the office decides on the latest wish, not a queue of them.
  holds: (c) => c.pendingExtensionId === null,
  refusal: 'EXTENSION_ALREADY_PENDING',
  message: () => 'an extension request is already waiting for the office',
};
const reopenable: Condition = {
  holds: isReopenable,
  refusal: 'INVALID_STATE',
  message: (c) => `a case closed as ${c.closeReason ?? 'unknown'} is not reopened by a spot check`,
};
const belowLeadership: Condition = {
  holds: (c) => c.escalationLevel < 2,
  refusal: 'INVALID_STATE',
  message: () => 'the case is already escalated to leadership',
};

const countingWorkingDays: Condition = {
  // Re-pinning moves only working-day counts: a policy of plain durations has none to move.
  holds: (c) => c.countsWorkingDays === true,
  refusal: 'POLICY_COUNTS_NO_WORKING_DAYS',
  message: () => 'the case’s policy counts no working days: no calendar to re-pin',
};

export const CASE_ACTION_RULES = {
  accept: { who: ['lead'], when: ['assigned'], path: 'accept' },
  /** Back to the office's triage with a reason; the unit no longer leads the case. */
  return: { who: ['lead'], when: ['assigned'], path: 'return' },
  /** Only the lead's weekly report meets the weekly duty. */
  report: { who: ['lead'], when: ['in_progress'], path: 'reports' },
  /** A co-handler's progress: recorded and shown, but no weekly duty is met by it. */
  contribute: { who: ['coHandler'], when: ['assigned', 'in_progress'], path: 'reports' },
  requestExtension: {
    who: ['lead'],
    when: ['in_progress'],
    unless: [beforeDeadline, noPendingExtension],
    path: 'extension-requests',
  },
  decideExtension: {
    who: ['office'],
    when: ['in_progress'],
    path: 'extension-requests/{requestId}/decision',
  },
  resolve: { who: ['lead'], when: ['in_progress'], path: 'resolve' },
  /** The office, or the visitor who reported the case, checks with the resident. */
  followUp: { who: ['office', 'reporter'], when: ['verifying'], path: 'follow-up' },
  /** Triage or reassignment: the new lead signs for the case and its clocks start afresh. */
  assign: { who: ['office'], when: ['triage', 'queued', 'assigned', 'in_progress'], path: 'assign' },
  close: { who: ['office'], when: OPEN, path: 'close' },
  /** 升级督办 by hand: the office raises a slow case to level 1 or 2 without waiting for the ladder. */
  escalate: { who: ['office'], when: ['assigned', 'in_progress'], unless: [belowLeadership], path: 'escalate' },
  /** A dispatch batch (the weekly schedule, or the office's "dispatch now") hands the case to its lead. */
  dispatch: { who: ['office', 'system'], when: ['queued'], path: null },
  /** A failed spot check (through its result route) sends a closed case back to work. */
  reopen: { who: ['office', 'system'], when: ['closed'], unless: [reopenable], path: null },
  /** 领导批示: a leader's instruction on an open case, optionally tightening its cadence or deadline. */
  instruct: { who: ['leader'], when: OPEN, path: 'instructions' },
  /** The lead unit confirms it has read an instruction (it then leaves the unit's inbox). */
  acknowledgeInstruction: {
    who: ['lead'],
    when: ['assigned', 'in_progress', 'verifying'],
    path: 'instructions/{instructionId}/ack',
  },
  /** The office re-pins an open case to the calendar in force now (docs/calendar.md): its clocks count again. */
  repinCalendar: { who: ['office'], when: OPEN, unless: [countingWorkingDays], path: 'calendar' },
} as const satisfies Record<CaseAction, CaseActionRule>;

const PARTY_ROLE: Record<Party, Actor['role']> = {
  lead: 'unit',
  coHandler: 'unit',
  reporter: 'visitor',
  office: 'office',
  leader: 'leader',
  admin: 'admin',
  system: 'system',
};

/** What a party that holds the role but not the relation is told. */
const NOT_RELATED: Partial<Record<Party, CaseErrorType>> = {
  lead: 'NOT_LEAD_UNIT',
  coHandler: 'NOT_CO_HANDLER',
  reporter: 'NOT_OWN_REPORT',
};

function stands(party: Party, actor: Actor, c: CaseFacts): boolean {
  if (actor.role !== PARTY_ROLE[party]) return false;
  switch (party) {
    case 'lead':
      return actor.unitId !== null && actor.unitId === c.lead;
    case 'coHandler':
      return actor.unitId !== null && c.coHandlers.includes(actor.unitId);
    case 'reporter':
      return actor.id === c.reportedBy;
    default:
      return true;
  }
}

export interface Refusal {
  type: CaseErrorType;
  message: string;
}

/** The roles that may ever take an action: anyone else is refused before the case is looked at. */
export const rolesFor = (action: CaseAction): Actor['role'][] => [
  ...new Set(CASE_ACTION_RULES[action].who.map((party) => PARTY_ROLE[party])),
];

/** Role, then relation to the case: ROLE_NOT_ALLOWED, or the relation the caller lacks. */
export function whoRefusal(action: CaseAction, actor: Actor, c: CaseFacts): Refusal | null {
  const { who } = CASE_ACTION_RULES[action];
  if (who.some((party) => stands(party, actor, c))) return null;
  const sameRole = who.find((party) => PARTY_ROLE[party] === actor.role);
  if (sameRole === undefined) return { type: 'ROLE_NOT_ALLOWED', message: `role ${actor.role} may not ${action}` };
  return {
    type: NOT_RELATED[sameRole] ?? 'ROLE_NOT_ALLOWED',
    message: `${actor.unitId ?? actor.id} is not the case's ${sameRole}`,
  };
}

/** The statuses, then every further condition of the action. */
export function whenRefusal(action: CaseAction, c: CaseFacts, now: number): Refusal | null {
  const rule: CaseActionRule = CASE_ACTION_RULES[action];
  if (!rule.when.includes(c.status))
    return { type: 'INVALID_STATE', message: `cannot ${action} a case that is ${c.status}` };
  for (const condition of rule.unless ?? []) {
    if (!condition.holds(c, now)) return { type: condition.refusal, message: condition.message(c) };
  }
  return null;
}

/** Everything the table says about one action by one actor on one case now: null when allowed. */
export const caseActionRefusal = (action: CaseAction, actor: Actor, c: CaseFacts, now: number): Refusal | null =>
  whoRefusal(action, actor, c) ?? whenRefusal(action, c, now);

export interface AllowedAction {
  action: CaseAction;
  /** `POST` here takes the action. */
  path: string;
}

/** The actions the caller may take on the case now, with where to send each (`allowedActions`). */
export function allowedCaseActions(caseId: string, actor: Actor, c: CaseFacts, now: number): AllowedAction[] {
  const allowed: AllowedAction[] = [];
  for (const action of CASE_ACTIONS) {
    const { path } = CASE_ACTION_RULES[action] as CaseActionRule;
    if (path === null || caseActionRefusal(action, actor, c, now) !== null) continue;
    if (path.includes('{requestId}')) {
      // A decision needs a request to decide on: the one pending, named in the path.
      if (c.pendingExtensionId === null) continue;
      allowed.push({ action, path: `/v1/cases/${caseId}/${path.replace('{requestId}', c.pendingExtensionId)}` });
    } else if (path.includes('{instructionId}')) {
      // One acknowledgement per instruction still open.
      for (const id of c.openInstructionIds ?? [])
        allowed.push({ action, path: `/v1/cases/${caseId}/${path.replace('{instructionId}', id)}` });
    } else {
      allowed.push({ action, path: `/v1/cases/${caseId}/${path}` });
    }
  }
  return allowed;
}

/** The actions one HTTP path takes: `reports` is the lead's report or a co-handler's contribution. */
export const actionsAt = (path: string): CaseAction[] =>
  CASE_ACTIONS.filter((action) => (CASE_ACTION_RULES[action] as CaseActionRule).path === path);

/**
 * The action a caller takes by POSTing to `path`: the first one the caller stands for (the lead's
 * report before a co-handler's contribution), else the first, whose refusal the caller is told.
 */
export function actionAt(path: string, actor: Actor, c: CaseFacts): CaseAction {
  const candidates = actionsAt(path);
  return candidates.find((action) => whoRefusal(action, actor, c) === null) ?? candidates[0]!;
}
