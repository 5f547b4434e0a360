// The contract between the API, the worker and the case workflow: the workflow's input, the state
// it exposes, the events it emits, and the message definitions. Importable from workflow code.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './domain/actor';
import type { CaseKind, CaseStatus, CloseReason, Priority } from './domain/enums';
import type { PinnedPolicy } from './domain/policy';
import type { RoutingDecision } from './routing/types';

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

export interface CaseWorkflowInput {
  caseId: string;
  kind: CaseKind;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: Priority;
  reporterId: string | null;
  visitId: string | null;
  reportedAt: string;
  reportedBy: Actor;
  routing: RoutingDecision;
  policy: PinnedPolicy;
  resolvedOnSpot: { measures: string } | null;
  /** Absent: escalations reach the lead unit only. */
  escalationContacts?: EscalationContacts;
  /** Set only by the workflow itself when it continues as new: the case as the last run left it. */
  carried?: CarriedCase;
  options?: CaseWorkflowOptions;
}

export interface CaseWorkflowOptions {
  /** Events one run records before it continues as new (default 500; tests force it lower). */
  continueAsNewAfterEvents?: number;
  /** How long a case closed as resolved or on the spot stays open to a spot check's reopen (default P30D). */
  reopenWindow?: string;
}

export interface ExtensionRequest {
  requestId: string;
  unitId: string;
  until: string;
  reason: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'denied';
  note: string | null;
  decidedAt: string | null;
}

/** Everything the read model and the API need about a case, as the workflow knows it now. */
export interface CaseState {
  id: string;
  status: CaseStatus;
  kind: CaseKind;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: Priority;
  reporterId: string | null;
  visitId: string | null;
  reportedBy: Actor;
  lead: string | null;
  coHandlers: string[];
  routing: RoutingDecision;
  policy: PinnedPolicy;
  /** The batch that handed the case to its lead (urgent cases get a batch of their own). */
  dispatch: { batchId: string; batchNumber: number } | null;
  /** By when the lead must sign for the case; set while `assigned`. */
  acceptDue: string | null;
  deadline: string | null;
  nextReportDue: string | null;
  missedReports: number;
  overdue: boolean;
  escalationLevel: number;
  extensions: ExtensionRequest[];
  resolution: { unitId: string; measures: string; outcome: string; resolvedAt: string } | null;
  /** By when the office or the visitor should follow up; set while `verifying`. */
  followUpDue: string | null;
  closeReason: CloseReason | null;
  closedAt: string | null;
  reportedAt: string;
  updatedAt: string;
  /** Sequence number of the last event; the read model keeps the snapshot with the highest one. */
  seq: number;
}

/** The reminders already sent for the current obligations, so a new run never sends them twice. */
export interface CaseAlerts {
  acceptReminded: boolean;
  acceptEscalated: boolean;
  followUpReminded: boolean;
}

export interface CarriedCase {
  state: CaseState;
  alerts: CaseAlerts;
}

/** One audit-trail entry as the workflow emits it; the hash chain is added when it is stored. */
export interface CaseEventInput {
  caseId: string;
  seq: number;
  type: string;
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');

/**
 * Sent with the workflow's start (update-with-start): answers once the `reported` event is stored,
 * so the caller of `POST /v1/cases` can read its own write at once. Retried intake of the same case
 * id attaches to the running workflow instead of starting a second one.
 */
export const intakeUpdate = defineUpdate<CaseState>('intake');

// Case actions (API-CONTRACT.md "Cases"). Each takes the acting principal plus the request body,
// is refused by its validator with a `CaseErrors` type (no trace in history), and answers the case
// as it is once the action's events are stored.
type Acting<Body = object> = { actor: Actor } & Body;

export interface ReportBody {
  progress: string;
  measures?: string;
  percentDone?: number;
  blockers?: string;
}

export type AcceptArgs = Acting;
export type ReturnArgs = Acting<{ reason: string }>;
export type ReportArgs = Acting<ReportBody>;
export type ExtensionRequestArgs = Acting<{ until: string; reason: string }>;
export type ExtensionDecisionArgs = Acting<{ requestId: string; approve: boolean; note?: string }>;
export type ResolveArgs = Acting<{ measures: string; outcome: string }>;
export type FollowUpArgs = Acting<{ satisfied: boolean; note?: string }>;
export type AssignArgs = Acting<{ lead: string; coHandlers?: string[]; note?: string }>;
export type CloseArgs = Acting<{
  reason: 'duplicate' | 'withdrawn' | 'not_actionable';
  duplicateOf?: string;
  note?: string;
}>;
export type DispatchArgs = Acting<{ batchId: string; batchNumber: number }>;
export type ReopenArgs = Acting<{ reason: 'spot_check_failed'; note?: string }>;

export type ExtensionRequested = CaseState & { requestId: string };

export const acceptUpdate = defineUpdate<CaseState, [AcceptArgs]>('accept');
export const returnUpdate = defineUpdate<CaseState, [ReturnArgs]>('return');
export const reportUpdate = defineUpdate<CaseState, [ReportArgs]>('report');
/** A co-handler's contribution: recorded and shown, but only the lead's reports meet the weekly duty. */
export const contributeUpdate = defineUpdate<CaseState, [ReportArgs]>('contribute');
export const requestExtensionUpdate = defineUpdate<ExtensionRequested, [ExtensionRequestArgs]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<CaseState, [ExtensionDecisionArgs]>('decideExtension');
export const resolveUpdate = defineUpdate<CaseState, [ResolveArgs]>('resolve');
export const followUpUpdate = defineUpdate<CaseState, [FollowUpArgs]>('followUp');
export const assignUpdate = defineUpdate<CaseState, [AssignArgs]>('assign');
export const closeUpdate = defineUpdate<CaseState, [CloseArgs]>('close');
/** Sent by a dispatch batch; the same batch asking again gets the case as it is, nothing new. */
export const dispatchUpdate = defineUpdate<CaseState, [DispatchArgs]>('dispatch');
/** Sent by the supervision's spot check while a closed case is still within its reopen window. */
export const reopenUpdate = defineUpdate<CaseState, [ReopenArgs]>('reopen');
