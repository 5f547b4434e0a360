import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { caseWorkflowId, intakeUpdate, type CaseState, type CaseWorkflowInput } from '../../shared/contracts/case';
import { loadCategoryPolicy } from '../../shared/db/categories';
import { canonicalJson } from '../../shared/db/event-hash';
import { claimIdempotencyKey } from '../../shared/db/idempotency';
import { createReporter, deleteUnusedReporter } from '../../shared/db/reporters';
import type { Sql } from '../../shared/db/sql';
import type { Principal } from '../../shared/db/tokens';
import { actorOf } from '../../shared/domain/actor';
import type { NewCase } from '../../shared/domain/case';
import { caseSearchAttributeKeys as searchKeys } from '../../shared/contracts/search-attributes';
import { withStartOperation } from '../../shared/contracts/workflow-starts';
import { HttpProblem } from '../plugins/problems';
import type { RoutingService } from './routing-service';
import { CASE_CALL_DEADLINE_MS, withTemporalDeadline } from './temporal-deadline';

export interface IntakeDeps {
  sql: Sql;
  temporal: Client;
  taskQueue: string;
  routing: RoutingService;
}

export interface IntakeResult {
  /** False when an Idempotency-Key replay answered an existing case. */
  created: boolean;
  state: CaseState;
}

/**
 * Reports a case: validate references, route, pin the policy, store the reporter apart, then start
 * the case workflow with update-with-start so the answer comes after `reported` is stored. With an
 * Idempotency-Key, the first request's workflow input is stored and every retry replays it.
 */
export async function reportCase(
  deps: IntakeDeps,
  principal: Principal,
  body: NewCase,
  idempotencyKey?: string,
): Promise<IntakeResult> {
  const input = await buildInput(deps, principal, body);
  if (idempotencyKey === undefined) {
    try {
      return { created: true, state: await startCase(deps, input) };
    } catch (error) {
      // Not started (or not known to be): a reporter row nobody references must not linger.
      if (input.reporterId) await deleteUnusedReporter(deps.sql, input.reporterId).catch(() => undefined);
      throw error;
    }
  }

  const bodyHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const claim = await claimIdempotencyKey(deps.sql, {
    tokenId: principal.tokenId,
    key: idempotencyKey,
    bodyHash,
    input,
  });
  if (claim.outcome !== 'new' && input.reporterId) await deleteUnusedReporter(deps.sql, input.reporterId);
  if (claim.outcome === 'mismatch') {
    throw new HttpProblem(409, 'Conflict', 'this Idempotency-Key was used with another body', { caseId: claim.caseId });
  }
  return { created: claim.outcome === 'new', state: await startCase(deps, claim.input) };
}

async function buildInput(
  { sql, routing }: IntakeDeps,
  principal: Principal,
  body: NewCase,
): Promise<CaseWorkflowInput> {
  const { decision, reference } = await routing.decide(body);
  const problems = [
    !reference.categories.some((c) => c.code === body.category) && {
      path: 'body.category',
      message: 'unknown category',
    },
    !reference.localities.some((l) => l.code === body.locality) && {
      path: 'body.locality',
      message: 'unknown locality',
    },
  ].filter((p): p is { path: string; message: string } => p !== false);
  if (problems.length > 0)
    throw new HttpProblem(422, 'Unprocessable Content', 'unknown reference data', { errors: problems });
  const policy = await loadCategoryPolicy(sql, body.category);
  if (!policy) throw new HttpProblem(422, 'Unprocessable Content', `category ${body.category} has no policy`);
  const firstOfKind = (kind: string) => reference.units.find((unit) => unit.kind === kind)?.id ?? null;

  return {
    caseId: `case-${randomUUID()}`,
    kind: body.kind,
    category: body.category,
    title: body.title,
    description: body.description,
    locality: body.locality,
    priority: body.priority,
    reporterId: body.reporter ? await createReporter(sql, body.reporter) : null,
    visitId: body.visitId ?? null,
    reportedAt: new Date().toISOString(),
    reportedBy: actorOf(principal),
    routing: decision,
    policy,
    resolvedOnSpot: body.resolvedOnSpot ?? null,
    escalationContacts: { officeUnitId: firstOfKind('office'), leadershipUnitId: firstOfKind('leadership') },
  };
}

/**
 * The case's search attributes from its very start, so the Web UI lists it by locality, category and
 * lead before its first workflow task has run; the workflow keeps them current from there on. The
 * status is the one a case has before intake places it (workflows/case/state.ts `reportedState`).
 */
function firstSearchAttributes(input: CaseWorkflowInput): SearchAttributePair[] {
  const lead = input.routing.lead;
  return [
    { key: searchKeys.status, value: 'triage' },
    ...(lead === null ? [] : [{ key: searchKeys.leadUnit, value: lead }]),
    { key: searchKeys.locality, value: input.locality },
    { key: searchKeys.category, value: input.category },
    { key: searchKeys.overdue, value: false },
    { key: searchKeys.escalationLevel, value: 0 },
  ];
}

/** Starts the case's workflow, or attaches to it when it runs already (a retry): never two for one id. */
async function startCase({ temporal, taskQueue }: IntakeDeps, input: CaseWorkflowInput): Promise<CaseState> {
  const startWorkflowOperation = withStartOperation('caseWorkflow', {
    workflowId: caseWorkflowId(input.caseId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: firstSearchAttributes(input),
  });
  return withTemporalDeadline(temporal, CASE_CALL_DEADLINE_MS, () =>
    temporal.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation }),
  );
}
