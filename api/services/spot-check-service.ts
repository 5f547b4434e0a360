import type { Client } from '@temporalio/client';
import { findCase } from '../../shared/db/case-queries';
import type { Sql } from '../../shared/db/sql';
import { getSpotCheck, listSpotChecks, recordSpotCheckResult, type SpotCheck } from '../../shared/db/spot-checks';
import type { Actor } from '../../shared/domain/actor';
import { isReopenable } from '../../shared/domain/case-rules';
import { spotCheckWorkflowId, type DailySpotCheckInput } from '../../shared/contracts/supervision';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { HttpProblem, notFound } from '../plugins/problems';
import { executeCaseAction } from './case-actions';
import { withTemporalDeadline } from './temporal-deadline';

/** A draw reads a day's visits and a week's closed cases once: seconds, even for a large city. */
const DRAW_DEADLINE_MS = 60_000;

/**
 * The day's sample: read from PostgreSQL when the day was drawn, else drawn now by the same
 * workflow the daily schedule runs (same workflow id per day, so concurrent requests share one draw).
 */
export async function daySample(sql: Sql, temporal: Client, taskQueue: string, date: string) {
  const stored = await listSpotChecks(sql, date);
  if (stored) return stored;
  const input: DailySpotCheckInput = { date };
  await withTemporalDeadline(temporal, DRAW_DEADLINE_MS, () =>
    executeWorkflow(temporal, 'dailySpotCheckWorkflow', {
      workflowId: spotCheckWorkflowId(date),
      taskQueue,
      args: [input],
      // Another request (or the schedule) drawing the same day right now: wait for its answer.
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
  const drawn = await listSpotChecks(sql, date);
  if (!drawn) throw new Error(`the spot check of ${date} was drawn but is not stored`);
  return drawn;
}

/**
 * Records a check's result. A failed check of a reopenable case (`isReopenable`: closed as resolved or
 * on the spot) reopens it first (reason spot_check_failed), and the result is stored only once the case
 * took the reopen: a case whose workflow completed (past its 30-day reopen window) answers 409 and
 * nothing is recorded.
 */
export async function recordResult(
  sql: Sql,
  temporal: Client,
  id: string,
  outcome: { passed: boolean; note: string | null; actor: Actor },
): Promise<SpotCheck> {
  const check = await getSpotCheck(sql, id);
  if (!check) throw notFound('spot check');
  if (check.result !== 'pending') return alreadyRecorded(check, outcome.passed);

  if (!outcome.passed && check.subjectType === 'case') {
    const row = await findCase(sql, check.subjectId);
    // A case that is open again already (reworked meanwhile) needs no reopen: the failure is recorded.
    if (row && isReopenable(row)) await reopen(temporal, check, outcome);
  }
  if (!(await recordSpotCheckResult(sql, id, outcome))) {
    return alreadyRecorded((await getSpotCheck(sql, id))!, outcome.passed);
  }
  return (await getSpotCheck(sql, id))!;
}

async function reopen(
  temporal: Client,
  check: SpotCheck,
  { note, actor }: { note: string | null; actor: Actor },
): Promise<void> {
  try {
    // One update id per check: a retry after a lost answer is the same reopen, not a second one.
    await executeCaseAction(
      temporal,
      check.subjectId,
      'reopen',
      { actor, reason: 'spot_check_failed', ...(note ? { note } : {}) },
      { updateId: `spot-check-${check.id}` },
    );
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 409 && !('code' in error.extra)) {
      throw new HttpProblem(
        409,
        'Conflict',
        `case ${check.subjectId} can no longer be reopened: it was closed more than its reopen window ` +
          '(30 days) ago and its workflow has completed. Nothing was recorded; report the problem again as a new case.',
        { caseStatus: 'closed', code: 'REOPEN_WINDOW_PASSED' },
      );
    }
    throw error;
  }
}

/** The same result again is a retry and answers the check; another result is a conflict. */
function alreadyRecorded(check: SpotCheck, passed: boolean): SpotCheck {
  if (check.result === (passed ? 'passed' : 'failed')) return check;
  throw new HttpProblem(409, 'Conflict', `this check was already recorded as ${check.result}`, {
    result: check.result,
  });
}
