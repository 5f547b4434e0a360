// When each accepted case's workflow started, against the fault: with the outbox intake (issue 12) a
// report accepted while Temporal is away is answered 201 at once and its workflow is started later,
// by the API's next start or the worker's sweeper. These figures say how much later, read from
// Temporal's visibility (the dev server runs on this machine's clock).
import type { Client } from '@temporalio/client';
import type { Submission } from './submit';

export interface Spread {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface WorkflowStartFigures {
  /**
   * Cases accepted before the fault's removal whose workflow was not running when it began: from the
   * removal (the moment `recover` resolved, e.g. Temporal answering again) to their workflow's start,
   * 0 if it started before. Issue 12's target for a Temporal outage: max ≤ 30 s.
   */
  afterReturn: Spread;
  /** Cases accepted after the return: from their 201 to their workflow's start (a start left to the sweeper shows here). */
  afterAcceptance: Spread;
  /** Accepted cases with no workflow in visibility when measured (the invariants count them as lost). */
  missing: number;
}

/** Load-relative times (ms since the load started) and where the load started on the wall clock. */
export interface FaultWindow {
  loadStartedAtEpochMs: number;
  faultAtMs: number;
  recoveredAtMs: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null;
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? null };
}

async function caseStartTimes(client: Client): Promise<Map<string, number>> {
  const starts = new Map<string, number>();
  for await (const info of client.workflow.list({ query: `WorkflowType = 'caseWorkflow'` })) {
    const at = info.startTime.getTime();
    starts.set(info.workflowId, Math.min(at, starts.get(info.workflowId) ?? at));
  }
  return starts;
}

export async function workflowStartFigures(
  client: Client,
  submissions: Submission[],
  window: FaultWindow,
): Promise<WorkflowStartFigures> {
  const starts = await caseStartTimes(client);
  const wall = (ms: number) => window.loadStartedAtEpochMs + ms;
  const [brokeAt, returnedAt] = [wall(window.faultAtMs), wall(window.recoveredAtMs)];
  const afterReturn: number[] = [];
  const afterAcceptance: number[] = [];
  let missing = 0;
  for (const submission of submissions) {
    if (submission.acceptedAt === null) continue;
    const startedAt = starts.get(submission.caseIds[0]!);
    if (startedAt === undefined) {
      missing++;
    } else if (wall(submission.acceptedAt) < returnedAt) {
      // Started before the fault: it was running all along. Started during a fault that left
      // Temporal up (a worker's): it was running at the return, 0.
      if (startedAt >= brokeAt) afterReturn.push(Math.max(0, startedAt - returnedAt));
    } else {
      afterAcceptance.push(startedAt - wall(submission.acceptedAt));
    }
  }
  return { afterReturn: spread(afterReturn), afterAcceptance: spread(afterAcceptance), missing };
}
