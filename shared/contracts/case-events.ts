// The catalogue of domain events a case emits (docs/domain.md "Audit trail"). The workflow emits them,
// the audit trail stores them, and the read model projects the ones it keeps tables for. Types, one
// list of names and one identity function, no zod: workflow code imports this module as it is.
import type { Actor } from '../domain/actor';
import type { CaseState, Dispatch, ExtensionRequest, Resolution } from '../domain/case-schema';
import type { CloseReason } from '../domain/enums';

/** A due a re-pin counts again: the case's own dues, and the 临期预警 instant before the deadline. */
export type RepinnedClock = 'acceptDue' | 'deadline' | 'nextReportDue' | 'followUpDue' | 'dueSoonAt';

/** Each event type's `data`, as stored in the audit trail. */
export interface CaseEventData {
  reported: Pick<CaseState, 'kind' | 'category' | 'locality' | 'priority' | 'reporterId' | 'visitId' | 'routing'> & {
    policyVersion: number;
  };
  /** Into triage: no route at report time, or the lead returned it. */
  triaged: { reason: string };
  queued: { lead: string };
  dispatched: Dispatch & { lead: string; coHandlers: string[]; acceptDue: string };
  /** The office assigned (from triage) or reassigned (in flight) the case. */
  assigned: { lead: string; coHandlers: string[]; previousLead: string | null; note: string | null; acceptDue: string };
  accepted: { unitId: string; deadline: string; nextReportDue: string };
  returned: { unitId: string; reason: string };
  report_submitted: {
    reportId: string;
    unitId: string;
    progress: string;
    measures: string | null;
    percentDone: number | null;
    blockers: string | null;
    dueAt: string;
    onTime: boolean;
    nextReportDue: string;
  };
  contribution_added: { contributionId: string; unitId: string; progress: string; measures: string | null };
  report_missed: { dueAt: string; missedReports: number };
  /** `unitId` is null for a follow-up reminder when the office's unit is not known to the case. */
  reminder_sent: { unitId: string | null; about: 'accept' | 'report' | 'follow_up'; dueAt: string };
  /** By the ladder (the system), or by hand (the office, with its note). */
  escalated: {
    level: 1 | 2;
    reason: 'accept_late' | 'reports_missed' | 'overdue' | 'by_hand';
    notifiedUnits: string[];
    note?: string;
  };
  overdue: { deadline: string };
  /** 临期预警: the resolution deadline is near (policy `warnBefore`); the lead unit is told. */
  due_soon: { deadline: string; unitId: string | null };
  extension_requested: Pick<ExtensionRequest, 'requestId' | 'unitId' | 'until' | 'reason'>;
  extension_decided: { requestId: string; approved: boolean; note: string | null; deadline: string };
  resolved: Omit<Resolution, 'resolvedAt'> & { followUpDue: string };
  followed_up: { satisfied: boolean; note: string | null };
  /** Rework: an unsatisfied follow-up or a failed spot check sends the case back to its lead. */
  reopened: {
    reason: 'follow_up_unsatisfied' | 'spot_check_failed';
    /** Null when the case goes back to triage (an on-the-spot closure had no lead to rework it). */
    deadline: string | null;
    nextReportDue: string | null;
    note: string | null;
  };
  closed: { reason: CloseReason; duplicateOf: string | null; note: string | null; measures: string | null };
  /** 领导批示: `reportEvery` and `deadline` (null when not given) tightened the case as of this event. */
  instruction_given: { instructionId: string; text: string; reportEvery: string | null; deadline: string | null };
  instruction_acknowledged: { instructionId: string };
  /**
   * The office re-pinned the case to a newer calendar (docs/calendar.md): each running clock counted
   * again from its start, `moved` those whose due changed (old → new), `kept` those that did not count
   * again (set absolutely, or started before starts were recorded).
   */
  calendar_repinned: {
    fromVersion: number | null;
    toVersion: number;
    reason: string | null;
    moved: Array<{ clock: RepinnedClock; from: string; to: string }>;
    kept: Array<{ clock: RepinnedClock; due: string; why: 'set_absolutely' | 'start_unknown' }>;
  };
  /**
   * The reporter's personal data and free text were erased (an admin, on the resident's request). Never
   * emitted by the workflow: stored in the case's side chain (`case_erasures`, shared/db/reporter-erasure.ts).
   */
  erased: { reporterId: string; fields: Array<'name' | 'phone' | 'description'> };
}

export type CaseEventType = keyof CaseEventData;

/** One audit-trail entry of type `T` as the workflow emits it; the hash chain is added when it is stored. */
export interface CaseEventOf<T extends CaseEventType> {
  caseId: string;
  seq: number;
  type: T;
  at: string;
  actor: Actor;
  data: CaseEventData[T];
}

/**
 * Any case event, discriminated by `type`: after `switch (event.type)` its `data` is that type's, so a
 * projection that reads a field the event does not carry fails to compile.
 */
export type CaseEvent = { [T in CaseEventType]: CaseEventOf<T> }[CaseEventType];

/**
 * The event as a member of the union. Code generic in the event type (the journal's `emit`, whose
 * signature pairs `type` with its `data` at every call) cannot show TypeScript that the pair is one
 * member of the union; this identity is the one place that says so.
 */
export const caseEvent = <T extends CaseEventType>(event: CaseEventOf<T>): CaseEvent => event as CaseEvent;

export const CASE_EVENT_TYPES = [
  'reported',
  'triaged',
  'queued',
  'dispatched',
  'assigned',
  'accepted',
  'returned',
  'report_submitted',
  'contribution_added',
  'report_missed',
  'reminder_sent',
  'escalated',
  'overdue',
  'due_soon',
  'extension_requested',
  'extension_decided',
  'resolved',
  'followed_up',
  'reopened',
  'closed',
  'erased',
  'instruction_given',
  'instruction_acknowledged',
  'calendar_repinned',
] as const satisfies readonly CaseEventType[];

/** Notifications the workflow sends (reminders, notices, escalations): delivered by the outbox. */
export interface CaseNotification {
  /** Stable per case and event, so a retried activity never sends twice. */
  id: string;
  caseId: string;
  kind: 'reminder' | 'notice' | 'escalation' | 'assignment';
  level: 0 | 1 | 2;
  recipientUnitIds: string[];
  subject: string;
  body: string;
  at: string;
}
