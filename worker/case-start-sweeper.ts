// Starts every case the API accepted but could not start (the outbox of migration 0009): a report
// accepted while Temporal was down gets its workflow once Temporal is back.
//
// Why a loop in the worker rather than a Temporal Schedule: the sweeper's job is to work when
// Temporal has just been away, and a Schedule only fires while Temporal runs, each firing a workflow
// and an activity of its own — at a cadence of seconds, tens of thousands of runs a day in the
// history and the Web UI, to find an empty table. The loop costs one indexed query per second; it
// runs in the worker because a started case makes progress only where a worker polls anyway, and
// the API may run as several replicas (the lease below lets several sweepers share the rows).
import type { Client } from '@temporalio/client';
import { startPlacedCase } from '../shared/contracts/case-start';
import { deferCaseStart, forgetCaseStarts, leaseDueCaseStarts, type PendingCaseStart } from '../shared/db/case-starts';
import type { Sql } from '../shared/db/sql';
import type { Logger } from '../shared/logger';

export interface SweeperOptions {
  sql: Sql;
  client: Client;
  taskQueue: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** How often to look for due starts; default 1 s. */
  intervalMs?: number;
}

export interface CaseStartSweeper {
  /** One pass: starts what is due; answers how many it started. */
  sweepOnce(): Promise<number>;
  /** Stops the loop once the pass under way has finished. */
  stop(): Promise<void>;
}

const BATCH = 100;
// Longer than a pass may take: a row leased by a sweeper that died is due again after it.
const LEASE_MS = 60_000;
const START_DEADLINE_MS = 10_000;
const MAX_BACKOFF_MS = 10_000;
// Starts in flight at once: a backlog of a thousand reports is started within seconds of Temporal's
// return (each start waits out its deadline while Temporal is still away, so fewer would be slow).
const PARALLEL = 32;

/** 1 s, 2 s, 4 s … capped at 10 s: a case waits at most that long after Temporal returns. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

export function startCaseStartSweeper(options: SweeperOptions): CaseStartSweeper {
  const { sql, client, taskQueue, logger, intervalMs = 1000 } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> = Promise.resolve();

  async function startOne(start: PendingCaseStart): Promise<boolean> {
    try {
      await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        startPlacedCase(client, taskQueue, start.input),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deferCaseStart(sql, start.caseId, message, retryDelayMs(start.attempts));
      logger?.warn({ caseId: start.caseId, attempts: start.attempts, err: message }, 'case start deferred');
      return false;
    }
    return true;
  }

  async function sweepOnce(): Promise<number> {
    let started = 0;
    for (;;) {
      const due = await leaseDueCaseStarts(sql, { taskQueue, limit: BATCH, leaseMs: LEASE_MS });
      let startedNow = 0;
      for (let i = 0; i < due.length; i += PARALLEL) {
        const slice = due.slice(i, i + PARALLEL);
        const outcomes = await Promise.all(slice.map(startOne));
        await forgetCaseStarts(
          sql,
          slice.filter((_, index) => outcomes[index]).map((start) => start.caseId),
        );
        startedNow += outcomes.filter(Boolean).length;
      }
      started += startedNow;
      // A full batch means more may be due; a batch with no start means Temporal is not back: wait.
      if (due.length < BATCH || startedNow === 0) break;
    }
    if (started > 0) logger?.info({ started, taskQueue }, 'started cases accepted while their start was pending');
    return started;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      pass = sweepOnce()
        .catch((error: unknown) => logger?.warn({ err: error }, 'case start sweep failed; trying again'))
        .finally(schedule);
    }, intervalMs);
  }
  schedule();

  return {
    sweepOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
