import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import {
  CASE_ACTION_UPDATES,
  caseWorkflowId,
  type CaseActionArgs,
  type CaseActionResult,
} from '../../shared/case-contract';
import {
  CASE_ERROR_HTTP_STATUS,
  isCaseErrorType,
  type CaseErrorDetails,
  type CaseErrorType,
} from '../../shared/case-errors';
import type { CaseAction } from '../../shared/domain/case-rules';
import type { CaseStatus } from '../../shared/domain/enums';
import { HttpProblem } from '../plugins/problems';
import { CASE_CALL_DEADLINE_MS, withTemporalDeadline } from './temporal-deadline';

const TITLES: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
};

/** A refusal of the case-action table as HTTP: 403/404/409/422 problem+json naming the case's status. */
export function caseActionProblem(type: CaseErrorType, message: string, caseStatus?: CaseStatus): HttpProblem {
  const status = CASE_ERROR_HTTP_STATUS[type];
  return new HttpProblem(status, TITLES[status] ?? 'Conflict', message, {
    code: type,
    // RFC 9457 keeps `status` for the HTTP status; the case's own status travels as `caseStatus`.
    ...(caseStatus ? { caseStatus } : {}),
  });
}

/**
 * Runs one case action as a Workflow Update: the validator answers yes or no at once, and a refusal
 * leaves no trace. A refusal becomes 403/404/409/422 problem+json; 409 carries the current status.
 */
export async function executeCaseAction<A extends CaseAction>(
  temporal: Client,
  caseId: string,
  action: A,
  args: CaseActionArgs[A],
  /** `updateId`: a caller that may retry the same action passes one, and Temporal runs it once. */
  options: { updateId?: string } = {},
): Promise<CaseActionResult<A>> {
  const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
  const update = CASE_ACTION_UPDATES[action];
  try {
    // The table pairs each action with its own Update; the loop over actions only loses that pairing.
    const answer: unknown = await withTemporalDeadline(temporal, CASE_CALL_DEADLINE_MS, () =>
      handle.executeUpdate(update as never, { args: [args] as never, ...options }),
    );
    return answer as CaseActionResult<A>;
  } catch (error) {
    throw toActionProblem(error);
  }
}

function toActionProblem(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type;
    if (isCaseErrorType(type)) {
      const details = error.cause.details?.[0] as CaseErrorDetails | undefined;
      return caseActionProblem(type, error.cause.message, details?.status);
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
