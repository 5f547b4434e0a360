// The outbox of case starts (migration 0009): written in the intake transaction, emptied by the
// API's own start or, failing that, by the worker's sweeper (worker/case-start-sweeper.ts).
import type { CaseWorkflowInput } from '../contracts/case';
import type { Db, Fragment, Sql } from './sql';

export interface PendingCaseStart {
  caseId: string;
  input: CaseWorkflowInput;
  attempts: number;
}

/**
 * Queues the case's start (a statement not yet sent: intake pipelines it with the case's first
 * writes); the sweeper leaves it to the API for `graceMs`, as the API's own start comes first.
 */
export const caseStartInsert = (
  db: Db,
  start: { input: CaseWorkflowInput; taskQueue: string; graceMs: number },
): Fragment => db`
    INSERT INTO case_starts (case_id, task_queue, workflow_input, next_attempt_at)
    VALUES (${start.input.caseId}, ${start.taskQueue}, ${db.json(start.input as never)},
            now() + ${start.graceMs}::double precision * interval '1 millisecond')`;

/** These starts happened (or a run of each case exists already): nothing more to do for them. */
export async function forgetCaseStarts(db: Db, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await db`DELETE FROM case_starts WHERE case_id = ANY(${caseIds as string[]})`;
}

/** The case's start still to be made, or null when there is none (made, or never accepted). */
export async function pendingCaseStart(db: Db, caseId: string): Promise<CaseWorkflowInput | null> {
  const [row] = await db<{ input: CaseWorkflowInput }[]>`
    SELECT workflow_input AS input FROM case_starts WHERE case_id = ${caseId}`;
  return row?.input ?? null;
}

/**
 * Takes up to `limit` starts of this task queue that are due, and pushes each one's next attempt
 * `leaseMs` ahead in the same statement: a second sweeper (another worker) skips them meanwhile, and
 * a sweeper that dies mid-way leaves them due again once the lease ends.
 */
export async function leaseDueCaseStarts(
  sql: Sql,
  { taskQueue, limit, leaseMs }: { taskQueue: string; limit: number; leaseMs: number },
): Promise<PendingCaseStart[]> {
  return sql<PendingCaseStart[]>`
    UPDATE case_starts s SET next_attempt_at = now() + ${leaseMs}::double precision * interval '1 millisecond',
                             attempts = s.attempts + 1
    FROM (SELECT case_id FROM case_starts
          WHERE task_queue = ${taskQueue} AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
    WHERE s.case_id = due.case_id
    RETURNING s.case_id AS "caseId", s.workflow_input AS input, s.attempts`;
}

/** Records why a start failed and when to try it again. */
export async function deferCaseStart(db: Db, caseId: string, error: string, retryInMs: number): Promise<void> {
  await db`
    UPDATE case_starts SET last_error = ${error.slice(0, 500)},
           next_attempt_at = now() + ${retryInMs}::double precision * interval '1 millisecond'
    WHERE case_id = ${caseId}`;
}

/** How many starts wait, and how old the oldest is: the operators' gauge of a Temporal outage. */
export async function caseStartBacklog(db: Db, taskQueue: string): Promise<{ count: number; oldestMs: number }> {
  const [row] = await db<{ count: number; oldestMs: number | null }[]>`
    SELECT count(*)::int AS count,
           (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS "oldestMs"
    FROM case_starts WHERE task_queue = ${taskQueue}`;
  return { count: row?.count ?? 0, oldestMs: row?.oldestMs ?? 0 };
}
