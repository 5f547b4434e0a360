// How a case refuses a step: a non-retryable failure typed by the case's error codes, carrying the
// status and seq it was refused at. An Update validator that throws leaves no trace in history, so
// every refusal is decided before a step changes anything; what to refuse is the case-action table's.
import { ApplicationFailure } from '@temporalio/common';
import type { CaseState } from '../../contracts/case';
import { CaseErrors, type CaseErrorDetails, type CaseErrorType } from '../../contracts/case-errors';
import type { Refusal } from '../case-rules';

export function refuse(state: CaseState, type: CaseErrorType, message: string): never {
  const details: CaseErrorDetails = { status: state.status, seq: state.seq };
  throw ApplicationFailure.nonRetryable(message, CaseErrors[type], details);
}

export function refuseIf(state: CaseState, refusal: Refusal | null): void {
  if (refusal) refuse(state, refusal.type, refusal.message);
}
