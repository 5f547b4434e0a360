import { createHash, randomUUID } from 'node:crypto';
import type { CaseWorkflowInput } from '../../shared/contracts/case';
import type { RoutingDecision } from '../../shared/routing/types';
import { DEFAULT_IDEMPOTENCY_TTL_MS } from '../../shared/config';
import { findCase } from '../../shared/db/case-queries';
import { caseStartInsert } from '../../shared/db/case-starts';
import { firstEventsWrites } from '../../shared/db/case-store';
import { claimForUrgentBatch, openBatch } from '../../shared/db/dispatch-store';
import { canonicalJson } from '../../shared/db/event-hash';
import { claimIntakeKey, legacyIntakeInput } from '../../shared/db/idempotency';
import { projectEvent } from '../../shared/db/projections';
import { reporterInsert } from '../../shared/db/reporters';
import type { Sql, TransactionSql } from '../../shared/db/sql';
import type { Principal } from '../../shared/db/tokens';
import { actorOf, SYSTEM_ACTOR } from '../../shared/domain/actor';
import type { NewCase } from '../../shared/domain/case';
import { takesUrgentDispatch } from '../../shared/domain/case-machine/placement';
import { HttpProblem } from '../plugins/problems';
import type { CaseStarter } from './case-starter';
import { planIntake } from './intake-plan';
import type { RoutingService } from './routing-service';

export interface IntakeDeps {
  sql: Sql;
  routing: RoutingService;
  starter: CaseStarter;
  /** DUBAN_IDEMPOTENCY_TTL in milliseconds. */
  idempotencyTtlMs?: number;
}

/** What the report's answer carries: the case as intake placed it, or as it stands for a replay. */
export interface IntakeAnswer {
  id: string;
  status: string;
  routing: RoutingDecision;
}

export interface IntakeOptions {
  /**
   * The report's place matched no locality (an Open311 request's address or point, say): it is filed
   * under `body.locality` for the record, but no rule may route it by that place, so it goes to
   * triage, where a person decides (docs/open311.md).
   */
  placeUnknown?: boolean;
}

export interface IntakeResult {
  /** False when an Idempotency-Key replay answered an existing case. */
  created: boolean;
  answer: IntakeAnswer;
}

/**
 * Reports a case (docs/architecture.md "Intake"): validate references, route, pin the policy; then,
 * in one PostgreSQL transaction, claim the Idempotency-Key, store the reporter, the events that open
 * the case's chain (`reported` and its placement), an urgent case's dispatch, and the outbox row;
 * then start the case's workflow with the placed case. Once the transaction commits the report is
 * accepted, whatever Temporal does: a start that fails is the sweeper's (worker/case-start-sweeper.ts).
 * A replayed key answers the case from PostgreSQL and starts nothing.
 */
export async function reportCase(
  deps: IntakeDeps,
  principal: Principal,
  body: NewCase,
  idempotencyKey?: string,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const input = await buildInput(deps, principal, body, options);
  const key =
    idempotencyKey === undefined
      ? null
      : {
          tokenId: principal.tokenId,
          key: idempotencyKey,
          bodyHash: createHash('sha256').update(canonicalJson(body)).digest('hex'),
          caseId: input.caseId,
          ttlMs: deps.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
        };

  const accepted = await deps.sql.begin(async (tx) => {
    if (key !== null) {
      const claim = await claimIntakeKey(tx, key);
      // Nothing else is written yet: the transaction ends with the claim's answer and stores nothing.
      if (claim.outcome !== 'new') return claim;
    }
    return { outcome: 'new' as const, placed: await storePlacedReport(tx, deps.starter.taskQueue, body, input) };
  });

  if (accepted.outcome === 'mismatch') {
    throw new HttpProblem(409, 'Conflict', 'this Idempotency-Key was used with another body', {
      caseId: accepted.caseId,
    });
  }
  if (accepted.outcome === 'replay') {
    return { created: false, answer: await storedAnswer(deps, accepted.caseId, key!) };
  }
  deps.starter.begin(accepted.placed);
  const { state } = accepted.placed.carried!;
  return { created: true, answer: { id: state.id, status: state.status, routing: state.routing } };
}

/**
 * The reporter, the placed case's events and snapshot, and its outbox row, sent in one pipeline:
 * one round trip for the lot (postgres.js sends queries executed at once back to back on the
 * transaction's connection, in order). An urgent case's batch and the events' projections, rare,
 * follow one by one.
 */
async function storePlacedReport(
  tx: TransactionSql,
  taskQueue: string,
  body: NewCase,
  draft: CaseWorkflowInput,
): Promise<CaseWorkflowInput> {
  const input = { ...draft, reporterId: body.reporter ? randomUUID() : null };
  const lead = takesUrgentDispatch(input) ? input.routing.lead : null;
  const urgentBatch =
    lead === null
      ? null
      : await openBatch(tx, {
          id: `urgent-${input.caseId}`,
          kind: 'urgent',
          requestedBy: SYSTEM_ACTOR,
          at: input.reportedAt,
        });
  const plan = planIntake(input, urgentBatch);
  const writes = [
    ...(body.reporter && input.reporterId ? [reporterInsert(tx, input.reporterId, body.reporter)] : []),
    ...firstEventsWrites(tx, plan.transitions),
    caseStartInsert(tx, { input: plan.input, taskQueue, graceMs: CASE_START_GRACE_MS }),
  ];
  await Promise.all(writes.map((write) => write.execute()));
  for (const { event, snapshot } of plan.transitions) await projectEvent(tx, event, snapshot);
  if (urgentBatch !== null && lead !== null) {
    await claimForUrgentBatch(tx, urgentBatch.id, { caseId: input.caseId, lead });
  }
  return plan.input;
}

/**
 * How long the sweeper leaves a new case's start to the API that accepted it: longer than the API's
 * own start may take (case-starter.ts), so the two rarely both start it (harmless when they do).
 */
const CASE_START_GRACE_MS = 5_000;

async function storedAnswer(
  { sql, starter }: IntakeDeps,
  caseId: string,
  key: { tokenId: string; key: string },
): Promise<IntakeAnswer> {
  const row = await findCase(sql, caseId);
  if (row !== null) return { id: row.id, status: row.status, routing: row.routing };
  // Only a key claimed before the outbox intake (migration 0009) names a case with no row: its report
  // was accepted and its input kept with the key, but its first start failed. It is started now (its
  // workflow places the report itself), and the retry after this answer finds the case.
  const legacy = await legacyIntakeInput(sql, key.tokenId, key.key);
  if (legacy !== null) await starter.startUnplaced(legacy);
  throw new HttpProblem(503, 'Service Unavailable', 'the case reported with this Idempotency-Key is being started', {
    caseId,
  });
}

async function buildInput(
  { routing }: IntakeDeps,
  principal: Principal,
  body: NewCase,
  { placeUnknown = false }: IntakeOptions,
): Promise<CaseWorkflowInput> {
  const routed = await routing.decide(body);
  const { reference, policy } = routed;
  const decision = placeUnknown ? toTriage(routed.decision) : routed.decision;
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
    // Stored in the intake transaction (storePlacedReport), never before it.
    reporterId: null,
    visitId: body.visitId ?? null,
    reportedAt: new Date().toISOString(),
    reportedBy: actorOf(principal),
    routing: decision,
    policy,
    resolvedOnSpot: body.resolvedOnSpot ?? null,
    escalationContacts: { officeUnitId: firstOfKind('office'), leadershipUnitId: firstOfKind('leadership') },
  };
}

/** A decision handed to a person: the place the rules would have gone by is not known. */
function toTriage(decision: RoutingDecision): RoutingDecision {
  return {
    ...decision,
    lead: null,
    coHandlers: [],
    ruleId: null,
    decidedBy: 'triage',
    explanation: ['报告地点未能匹配任何区划：转人工分诊，由活动办交办'],
  };
}
