import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { caseWorkflowId, type CaseState } from '../../shared/case-contract';
import { CASE_ERROR_HTTP_STATUS, isCaseErrorType, type CaseErrorDetails } from '../../shared/case-errors';
import type { Actor } from '../../shared/domain/actor';
import { HttpProblem } from '../plugins/problems';
import { CASE_CALL_DEADLINE_MS, withTemporalDeadline } from './temporal-deadline';

const TITLES: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
};

/**
 * Runs one case action as a Workflow Update: the validator answers yes or no at once, and a refusal
 * leaves no trace. A refusal becomes 403/404/409/422 problem+json; 409 carries the current status.
 */
export async function executeCaseAction<Result extends CaseState, Body extends object>(
  temporal: Client,
  caseId: string,
  update: UpdateDefinition<Result, [{ actor: Actor } & Body]>,
  actor: Actor,
  body: Body,
  /** `updateId`: a caller that may retry the same action passes one, and Temporal runs it once. */
  options: { updateId?: string } = {},
): Promise<Result> {
  const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
  try {
    return await withTemporalDeadline(temporal, CASE_CALL_DEADLINE_MS, () =>
      handle.executeUpdate(update, { args: [{ actor, ...body }], ...options }),
    );
  } catch (error) {
    throw toActionProblem(error);
  }
}

function toActionProblem(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type;
    if (isCaseErrorType(type)) {
      const status = CASE_ERROR_HTTP_STATUS[type];
      const details = error.cause.details?.[0] as CaseErrorDetails | undefined;
      return new HttpProblem(status, TITLES[status] ?? 'Conflict', error.cause.message, {
        code: type,
        // RFC 9457 keeps `status` for the HTTP status; the case's own status travels as `caseStatus`.
        ...(details ? { caseStatus: details.status } : {}),
      });
    }
  }
  // A workflow that has finished (a closed case past its reopen window) accepts no more actions.
  if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) {
    return new HttpProblem(409, 'Conflict', 'the case is closed and accepts no more actions', { caseStatus: 'closed' });
  }
  return error;
}

function isCompletedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
