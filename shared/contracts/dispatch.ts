// The dispatch batch (集中交办): one operation that hands every queued case to its lead once, with a
// numbered dispatch list. Shared by the API (starts it), the workflow and its activities.
import type { Actor } from '../domain/actor';

/**
 * The batch id is the workflow id: the API makes one per request (or the schedule per run), so a
 * retried start, or a restarted batch, is the same batch and dispatches nothing twice.
 */
export const dispatchBatchWorkflowId = (batchId: string): string => batchId;

export interface DispatchBatchInput {
  /** The office member who pressed "dispatch now", or the system for the weekly schedule. */
  requestedBy: Actor;
  /** Cases dispatched at once; bounded so a large batch does not flood the case workflows. */
  concurrency?: number;
}

export interface DispatchBatchHeader {
  id: string;
  number: number;
  at: string;
}

export interface DispatchedCase {
  caseId: string;
  lead: string;
}

export interface SkippedCase {
  caseId: string;
  /** The case workflow's refusal type (e.g. INVALID_STATE when the office assigned it meanwhile). */
  reason: string;
}

/** The dispatch list (交办单): `POST /v1/dispatches` answers it. */
export interface DispatchBatch extends DispatchBatchHeader {
  cases: DispatchedCase[];
  skipped: SkippedCase[];
}

/** A case claimed by a batch, as the batch's list holds it. */
export interface ClaimedCase {
  caseId: string;
  lead: string;
}

export type DispatchOutcome = { caseId: string; lead: string } & (
  { outcome: 'dispatched' } | { outcome: 'skipped'; reason: string }
);
