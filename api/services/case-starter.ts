// The API's own start of each case it accepted, right after the intake transaction. It never fails
// the report: a start that Temporal does not answer is left in the outbox for the worker's sweeper.
// While Temporal is unreachable, reports should not each wait out a deadline first, so after a
// failure the API stops trying for a moment and then lets one report try again (a circuit breaker).
import type { Client } from '@temporalio/client';
import { Gauge, type Registry } from 'prom-client';
import { caseWorkflowId, type CaseWorkflowInput } from '../../shared/contracts/case';
import { startWorkflow } from '../../shared/contracts/workflow-starts';
import { startPlacedCase } from '../../shared/contracts/case-start';
import { caseStartBacklog, forgetCaseStarts } from '../../shared/db/case-starts';
import type { Sql } from '../../shared/db/sql';
import type { Logger } from '../../shared/logger';
import { withTemporalDeadline } from './temporal-deadline';

/**
 * Long enough for a start on a busy server, short enough that a report never waits long on Temporal:
 * a start that takes longer is the sweeper's (it may well have happened; starting again keeps it).
 */
export const INTAKE_START_DEADLINE_MS = 1_500;
/** How long the API leaves starts to the sweeper after one failed. */
const PAUSE_AFTER_FAILURE_MS = 2_000;

export interface CaseStarter {
  readonly taskQueue: string;
  /** Starts the placed case's workflow, or leaves it to the sweeper; never throws. */
  start(input: CaseWorkflowInput): Promise<'started' | 'left-to-sweeper'>;
  /**
   * Starts a report accepted before the outbox intake whose first start failed: not placed, so its
   * workflow places it itself (workflows/case/intake.ts). Never throws; false when Temporal did not answer.
   */
  startUnplaced(input: CaseWorkflowInput): Promise<boolean>;
}

export function createCaseStarter(deps: {
  sql: Sql;
  temporal: Client;
  taskQueue: string;
  logger?: Pick<Logger, 'warn'> | undefined;
}): CaseStarter {
  const { sql, temporal, taskQueue, logger } = deps;
  // The outbox rows of started cases go in one DELETE every so often, not one each: the report is
  // answered meanwhile, and a row left behind (a crash) only makes the sweeper start the case again,
  // which keeps the run that exists.
  const started = batchedForget(sql, logger);
  // 0: Temporal answers. Otherwise the moment from which one report may try again (half-open).
  let pausedUntil = 0;
  let probing = false;

  function mayTry(): boolean {
    if (pausedUntil === 0) return true;
    if (Date.now() < pausedUntil || probing) return false;
    probing = true;
    return true;
  }

  return {
    taskQueue,
    async start(input) {
      if (!mayTry()) return 'left-to-sweeper';
      try {
        await withTemporalDeadline(temporal, INTAKE_START_DEADLINE_MS, () =>
          startPlacedCase(temporal, taskQueue, input),
        );
      } catch (error) {
        pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
        probing = false;
        logger?.warn(
          { caseId: input.caseId, err: error },
          'case accepted but its workflow not started: the worker will start it when Temporal answers',
        );
        return 'left-to-sweeper';
      }
      pausedUntil = 0;
      probing = false;
      started.add(input.caseId);
      return 'started';
    },
    async startUnplaced(input) {
      try {
        await withTemporalDeadline(temporal, INTAKE_START_DEADLINE_MS, () =>
          startWorkflow(temporal, 'caseWorkflow', {
            workflowId: caseWorkflowId(input.caseId),
            taskQueue,
            args: [input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        );
        return true;
      } catch (error) {
        logger?.warn(
          { caseId: input.caseId, err: error },
          'a report accepted before the outbox intake is not started yet',
        );
        return false;
      }
    },
  };
}

const FORGET_EVERY_MS = 100;

function batchedForget(sql: Sql, logger: Pick<Logger, 'warn'> | undefined) {
  let ids: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const batch = ids;
    ids = [];
    timer = undefined;
    forgetCaseStarts(sql, batch).catch((error: unknown) =>
      logger?.warn({ cases: batch.length, err: error }, 'started cases left in the outbox'),
    );
  };
  return {
    add(caseId: string) {
      ids.push(caseId);
      // unref: a pending delete never keeps a stopping process alive.
      timer ??= setTimeout(flush, FORGET_EVERY_MS).unref();
    },
  };
}

/**
 * The outbox's backlog on /metrics: reports accepted whose workflow has not started. Normally 0; it
 * grows while Temporal is away and falls once the sweeper catches up (docs/intake.md).
 */
export function watchCaseStartBacklog(registry: Registry, sql: Sql, taskQueue: string): void {
  let backlog = { count: 0, oldestMs: 0 };
  const refresh = async () => {
    // A scrape while PostgreSQL is away shows the last figures rather than failing /metrics.
    backlog = await caseStartBacklog(sql, taskQueue).catch(() => backlog);
  };
  new Gauge({
    name: 'duban_case_starts_pending',
    help: 'Reports accepted whose case workflow has not been started yet',
    registers: [registry],
    async collect() {
      await refresh();
      this.set(backlog.count);
    },
  });
  new Gauge({
    name: 'duban_case_starts_oldest_seconds',
    help: 'Age of the oldest report whose case workflow has not been started yet',
    registers: [registry],
    collect() {
      this.set(backlog.oldestMs / 1000);
    },
  });
}
