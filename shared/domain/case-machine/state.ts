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
import type { PinnedPolicy } from '../policy';
import { parseDuration } from '../../durations';

export interface PolicyClock {
  acceptWithin: number;
  reportEvery: number;
  reportGrace: number;
  resolveWithin: number;
  followUpWithin: number;
  reworkWithin: number;
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
  return {
    acceptWithin: parseDuration(policy.acceptWithin),
    reportEvery: parseDuration(policy.reportEvery),
    reportGrace: parseDuration(policy.reportGrace),
    resolveWithin: parseDuration(policy.resolveWithin),
    followUpWithin: parseDuration(policy.followUpWithin),
    reworkWithin: parseDuration(policy.reworkWithin),
    noticeAfterMissed: policy.noticeAfterMissed,
    leadershipAfterMissed: policy.leadershipAfterMissed,
  };
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
export const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString();
export const nowIso = (): string => new Date().toISOString();

/** A plain copy: snapshots handed to activities must not change when the state moves on. */
export const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
