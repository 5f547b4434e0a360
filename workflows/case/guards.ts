// How an Update validator refuses. A validator that throws leaves no trace in history, so every
// refusal is decided before a handler changes anything; what to refuse is the case-action table's.
import { ApplicationFailure } from '@temporalio/workflow';
import type { CaseState } from '../../shared/contracts/case';
import { CaseErrors, type CaseErrorDetails, type CaseErrorType } from '../../shared/contracts/case-errors';
import type { Actor } from '../../shared/domain/actor';
import type { CaseFacts, Refusal } from '../../shared/domain/case-rules';

export function refuse(state: CaseState, type: CaseErrorType, message: string): never {
  const details: CaseErrorDetails = { status: state.status, seq: state.seq };
  throw ApplicationFailure.nonRetryable(message, CaseErrors[type], details);
}

export function refuseIf(state: CaseState, refusal: Refusal | null): void {
  if (refusal) refuse(state, refusal.type, refusal.message);
}

export function requireActor(state: CaseState, actor: Actor | undefined): Actor {
  if (!actor || typeof actor.id !== 'string' || typeof actor.role !== 'string') {
    refuse(state, 'INVALID_INPUT', 'every case action names its actor');
  }
  return actor;
}

/** What the case-action table reads, from the workflow's own state. */
export const caseFactsOf = (s: CaseState): CaseFacts => ({
  status: s.status,
  lead: s.lead,
  coHandlers: s.coHandlers,
  reportedBy: s.reportedBy.id,
  closeReason: s.closeReason,
  deadline: s.deadline === null ? null : Date.parse(s.deadline),
  pendingExtensionId: s.extensions.find((request) => request.status === 'pending')?.requestId ?? null,
  escalationLevel: s.escalationLevel,
});
