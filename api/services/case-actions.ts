import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import {
  CASE_ACTION_UPDATES,
  caseWorkflowId,
  type CaseActionArgs,
  type CaseActionResult,
  type CaseState,
  type ExtensionRequested,
} from '../../shared/contracts/case';
import {
  CASE_ERROR_HTTP_STATUS,
  isCaseErrorType,
  type CaseErrorDetails,
  type CaseErrorType,
} from '../../shared/contracts/case-errors';
import {
  claimActionKey,
  findActionKey,
  recordActionAnswer,
  type ActionAnswer,
} from '../../shared/db/action-idempotency';
import { canonicalJson } from '../../shared/db/event-hash';
import type { Sql } from '../../shared/db/sql';
import type { Actor } from '../../shared/domain/actor';
import type { HttpCaseAction } from '../../shared/domain/case-action-inputs';
import { CASE_ACTION_RULES, type CaseAction } from '../../shared/domain/case-rules';
import type { CaseStatus } from '../../shared/domain/enums';
import { HttpProblem } from '../plugins/problems';
import type { CaseStarter } from './case-starter';
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
  if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) return new NoCaseRun();
  return error;
}

/** The case has no running workflow: closed for good, unless its start is still pending (below). */
class NoCaseRun extends HttpProblem {
  constructor() {
    super(409, 'Conflict', 'the case is closed and accepts no more actions', { caseStatus: 'closed' });
  }
}

/**
 * A case with no run is closed for good — or its workflow has not started yet: accepted a moment ago
 * (the API starts it just after answering the report), or while Temporal was away (the sweeper starts
 * it, worker/case-start-sweeper.ts). Such a case is started from its outbox row now (or its start in
 * flight awaited) and the action sent again; a closed case answers the second time as the first (409).
 * When Temporal cannot start it now, the action is to be retried shortly (503), not refused as closed.
 */
async function onStartedCase<R>(
  { starter }: Pick<KeyedActionDeps, 'starter'>,
  caseId: string,
  run: () => Promise<R>,
): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof NoCaseRun)) throw error;
    if (await starter.startPending(caseId)) return run();
    throw new HttpProblem(503, 'Service Unavailable', 'the case was accepted and its workflow is being started', {
      caseId,
    });
  }
}

function isCompletedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}

export interface KeyedActionDeps {
  sql: Sql;
  temporal: Client;
  starter: Pick<CaseStarter, 'startPending'>;
  /** DUBAN_IDEMPOTENCY_TTL in milliseconds. */
  idempotencyTtlMs: number;
}

/** One action as the route received it; `key` is the caller's Idempotency-Key, if it sent one. */
export interface ActionRequest {
  caseId: string;
  path: string;
  tokenId: string;
  key: string | undefined;
  actor: Actor;
  body: Record<string, unknown>;
  /** Input the API adds to the client's (a re-pin's calendar): sent with the action, not part of the key's body. */
  loaded?: Record<string, unknown>;
}

/**
 * Runs an action once per Idempotency-Key (docs/api-notes.md, idempotency). The first use runs
 * `checkFirst` (the table's pre-check and the input checks, which name the action), claims the key
 * and sends the Update under the key's Update id. A retry with the same case, action and body skips
 * `checkFirst` (the case may have moved on since: a retried `accept` must not become a 409) and
 * answers the stored answer, or, when the first answer was lost, sends the same Update id again and
 * Temporal answers the first outcome. Another case, action or body under a known key is a 409.
 */
export async function executeCaseActionOnce(
  deps: KeyedActionDeps,
  request: ActionRequest,
  checkFirst: () => Promise<HttpCaseAction>,
): Promise<ActionAnswer> {
  const { sql, temporal, idempotencyTtlMs } = deps;
  const { caseId, key, tokenId } = request;
  const args = { actor: request.actor, ...request.body, ...request.loaded } as CaseActionArgs[CaseAction];
  if (key === undefined) {
    const action = await checkFirst();
    const result = await onStartedCase(deps, caseId, () => executeCaseAction(temporal, caseId, action, args));
    return answerOf(result);
  }

  const bodyHash = createHash('sha256').update(canonicalJson(request.body)).digest('hex');
  const known =
    (await findActionKey(sql, tokenId, key, idempotencyTtlMs)) ??
    (await claimActionKey(sql, { tokenId, key, caseId, action: await checkFirst(), bodyHash }, idempotencyTtlMs));
  const mismatch =
    (known.caseId !== caseId && 'another case') ||
    (CASE_ACTION_RULES[known.action].path !== request.path && 'another action') ||
    (known.bodyHash !== bodyHash && 'another body');
  if (mismatch) throw new HttpProblem(409, 'Conflict', `this Idempotency-Key was used with ${mismatch}`);
  if (known.answer) return known.answer;

  const result = await onStartedCase(deps, caseId, () =>
    executeCaseAction(temporal, caseId, known.action, args, { updateId: known.updateId }),
  );
  const answer = answerOf(result);
  await recordActionAnswer(sql, known, answer);
  return answer;
}

const answerOf = (result: CaseState | ExtensionRequested): ActionAnswer =>
  'requestId' in result ? { requestId: result.requestId } : {};
