// The API's own start of each case it accepted. The report is answered once the intake transaction
// commits; the start runs right after, on its own, so a report never waits on Temporal. It never
// fails the report: a start that Temporal does not answer is left in the outbox for the worker's
// sweeper. While Temporal is unreachable, starts should not each wait out a deadline first, so after
// a failure the API stops trying for a moment and then lets one start try again (a circuit breaker).
// An action on a case whose start has not happened yet starts it first (startPending).
import type { Client } from '@temporalio/client';
import { Gauge, type Registry } from 'prom-client';
import { caseWorkflowId, type CaseWorkflowInput } from '../../shared/contracts/case';
import { startWorkflow } from '../../shared/contracts/workflow-starts';
import { startPlacedCase } from '../../shared/contracts/case-start';
import { caseStartBacklog, forgetCaseStarts, pendingCaseStart } from '../../shared/db/case-starts';
import type { Sql } from '../../shared/db/sql';
import type { Logger } from '../../shared/logger';
import { withTemporalDeadline } from './temporal-deadline';

/**
 * Long enough for a start on a busy server, short enough that a start stuck on Temporal is soon the
 * sweeper's (it may well have happened; starting again keeps it).
 */
export const INTAKE_START_DEADLINE_MS = 1_500;
/** How long the API leaves starts to the sweeper after one failed. */
const PAUSE_AFTER_FAILURE_MS = 2_000;
/**
 * Starts in flight at once. Past it (Temporal slower than the reports arrive) a start is left to the
 * sweeper rather than queued in the API's memory, which a crash would lose track of anyway.
 */
const MAX_STARTS_IN_FLIGHT = 256;

export interface CaseStarter {
  readonly taskQueue: string;
  /** Starts the placed case's workflow in the background, or leaves it to the sweeper; never throws. */
  begin(input: CaseWorkflowInput): void;
  /**
   * For an action that found no run of the case: waits for its start in flight, or starts it from its
   * outbox row now. True when the case has no start pending any more (started, now or before: an
   * action may be sent again); false when Temporal did not start it.
   */
  startPending(caseId: string): Promise<boolean>;
  /**
   * Starts a report accepted before the outbox intake whose first start failed: not placed, so its
   * workflow places it itself (workflows/case/intake.ts). Never throws; false when Temporal did not answer.
   */
  startUnplaced(input: CaseWorkflowInput): Promise<boolean>;
  /** Waits for the starts in flight (the API closing). */
  settle(): Promise<void>;
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
  const forget = batchedForget(sql, logger);
  const inFlight = new Map<string, Promise<boolean>>();
  // 0: Temporal answers. Otherwise the moment from which one start may try again (half-open).
  let pausedUntil = 0;
  let probing = false;

  function mayTry(): boolean {
    if (pausedUntil === 0) return true;
    if (Date.now() < pausedUntil || probing) return false;
    probing = true;
    return true;
  }

  async function attempt(input: CaseWorkflowInput): Promise<boolean> {
    try {
      await withTemporalDeadline(temporal, INTAKE_START_DEADLINE_MS, () => startPlacedCase(temporal, taskQueue, input));
    } catch (error) {
      pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
      probing = false;
      logger?.warn(
        { caseId: input.caseId, err: error },
        'case accepted but its workflow not started: the worker will start it when Temporal answers',
      );
      return false;
    }
    pausedUntil = 0;
    probing = false;
    forget.add(input.caseId);
    return true;
  }

  function track(input: CaseWorkflowInput): Promise<boolean> {
    // The answer first: the start's work (its payload, the gRPC call) begins once the report's reply
    // has been written, not before it on the same thread.
    const started = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => attempt(input))
      .finally(() => inFlight.delete(input.caseId));
    inFlight.set(input.caseId, started);
    return started;
  }

  return {
    taskQueue,
    begin(input) {
      if (inFlight.size >= MAX_STARTS_IN_FLIGHT || !mayTry()) return;
      void track(input);
    },
    async startPending(caseId) {
      const running = inFlight.get(caseId);
      if (running !== undefined && (await running)) return true;
      const pending = await pendingCaseStart(sql, caseId);
      // No row: started meanwhile (by the sweeper, say), or never accepted here.
      if (pending === null) return true;
      // While the breaker is open the action is answered 503 at once, not after a start's deadline.
      if (pausedUntil !== 0 && Date.now() < pausedUntil) return false;
      return inFlight.get(caseId) ?? track(pending);
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
    async settle() {
      await Promise.allSettled([...inFlight.values()]);
      await forget.flush();
    },
  };
}

const FORGET_EVERY_MS = 100;

function batchedForget(sql: Sql, logger: Pick<Logger, 'warn'> | undefined) {
  let ids: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    const batch = ids;
    ids = [];
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    await forgetCaseStarts(sql, batch).catch((error: unknown) =>
      logger?.warn({ cases: batch.length, err: error }, 'started cases left in the outbox'),
    );
  };
  return {
    add(caseId: string) {
      ids.push(caseId);
      // unref: a pending delete never keeps a stopping process alive.
      timer ??= setTimeout(() => void flush(), FORGET_EVERY_MS).unref();
    },
    flush,
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
