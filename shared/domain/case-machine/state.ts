// A case as its state machine sees it: the public CaseState, the reminders already sent, and the
// pinned policy turned into milliseconds once, so the clocks never parse durations again. Pure: the
// case workflow runs it with a durable journal, and the API runs intake with one that collects
// (api/services/intake-plan.ts), so a report is placed by the same rules either way.
import type {
  CaseAlerts,
  CaseState,
  CaseWorkflowInput,
  CaseWorkflowOptions,
  EscalationContacts,
} from '../../contracts/case';
import type { CaseEventData, CaseEventType, CaseNotification } from '../../contracts/case-events';
import type { Actor } from '../actor';
import type { PinnedPolicy, PolicyDuration } from '../policy';
import { dueRule, reportRule, warningRule, type DueRule, type WarningRule } from './due-rules';
import { parseDuration } from '../../durations';

/** The pinned policy as the clocks use it: each duration a rule from a start to its due instant. */
export interface PolicyClock {
  acceptWithin: DueRule;
  reportEvery: DueRule;
  reportGrace: DueRule;
  resolveWithin: DueRule;
  followUpWithin: DueRule;
  reworkWithin: DueRule;
  /** Null when the policy sets no warning before the deadline. */
  warnBefore: WarningRule | null;
  noticeAfterMissed: number;
  leadershipAfterMissed: number;
}

/** A notification before the journal gives it its id, case and time. */
export type NoticeDraft = Omit<CaseNotification, 'id' | 'caseId' | 'at'>;

/** Where a transition's event goes: the workflow's journal, or intake's collector in the API. */
export interface EventSink {
  /**
   * Stamps the next event with the state as it is now and queues it (and its notice). Synchronous on
   * purpose: a step changes the state and emits in one go, so nothing can interleave between a
   * change and its event. The step changes `alerts` before it emits.
   */
  emit<T extends CaseEventType>(type: T, actor: Actor, data: CaseEventData[T], notice?: NoticeDraft): void;
}

/** Everything the transitions share; `state` and `alerts` change only through them. */
export interface CaseMachine<Sink extends EventSink = EventSink> {
  state: CaseState;
  alerts: CaseAlerts;
  clock: PolicyClock;
  contacts: EscalationContacts;
  /** How long a case closed as resolved or on the spot waits for a spot check's reopen. */
  reopenWindow: number;
  journal: Sink;
}

const DEFAULT_REOPEN_WINDOW = 'P30D';

export function policyClock(policy: PinnedPolicy): PolicyClock {
  const rule = (duration: PolicyDuration) => dueRule(duration, policy.calendar);
  return {
    acceptWithin: rule(policy.acceptWithin),
    reportEvery: reportRule(policy),
    reportGrace: rule(policy.reportGrace),
    resolveWithin: rule(policy.resolveWithin),
    followUpWithin: rule(policy.followUpWithin),
    reworkWithin: rule(policy.reworkWithin),
    warnBefore: warningRule(policy),
    noticeAfterMissed: policy.noticeAfterMissed,
    leadershipAfterMissed: policy.leadershipAfterMissed,
  };
}

/**
 * When something the case's clock rule says is due, from `fromMs` (now, unless given), as the ISO
 * instant the state keeps. A count that ran past the pinned calendar flags the case (`calendarUnknown`).
 */
export function dueFrom(c: Pick<CaseMachine, 'state'>, rule: DueRule, fromMs: number = Date.now()): string {
  const due = rule(fromMs);
  if (due.calendarUnknown) c.state.calendarUnknown = true;
  return new Date(due.ms).toISOString();
}

export const reopenWindowOf = (options: CaseWorkflowOptions | undefined): number =>
  parseDuration(options?.reopenWindow ?? DEFAULT_REOPEN_WINDOW);

export const noAlerts = (): CaseAlerts => ({ acceptReminded: false, acceptEscalated: false, followUpReminded: false });

/**
 * The case as reported, before intake decides where it goes. It starts in `triage`, the one status
 * nobody acts on automatically: no dispatch batch can claim it before intake has placed it.
 */
export function reportedState(input: CaseWorkflowInput): CaseState {
  return {
    id: input.caseId,
    status: 'triage',
    kind: input.kind,
    category: input.category,
    title: input.title,
    description: input.description,
    locality: input.locality,
    priority: input.priority,
    reporterId: input.reporterId,
    visitId: input.visitId,
    reportedBy: input.reportedBy,
    lead: input.routing.lead,
    coHandlers: input.routing.coHandlers.filter((unit) => unit !== input.routing.lead),
    routing: input.routing,
    policy: input.policy,
    dispatch: null,
    acceptDue: null,
    deadline: null,
    nextReportDue: null,
    missedReports: 0,
    overdue: false,
    escalationLevel: 0,
    extensions: [],
    resolution: null,
    followUpDue: null,
    closeReason: null,
    closedAt: null,
    reportedAt: input.reportedAt,
    updatedAt: input.reportedAt,
    seq: 0,
  };
}

/** Workflow time (deterministic), as the ISO string events and snapshots carry. */
export const nowIso = (): string => new Date().toISOString();

/** A plain copy: snapshots handed to activities must not change when the state moves on. */
export const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
