// Fault 4 (issue 12, the outbox intake): the Temporal dev server is killed 30 s into a paced load of
// 10 reports/s, stays away 60 s, and comes back on the same port and SQLite file; the load goes on
// 30 s more. Intake no longer needs Temporal to accept a report: every report is answered 201 at its
// first attempt, and the worker's sweeper starts the workflow of every case accepted meanwhile once
// Temporal is back. How soon (the target: within 30 s of the return) is a figure of the run,
// in `workflowStarts` and the fault suite's table, not an assertion: speed is measured, not tested.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { holds } from './support/invariants';
import { runScenario } from './support/scenario';

const RATE = 10;
const BEFORE_MS = 30_000;
const OUTAGE_MS = 60_000;
const AFTER_MS = 30_000;
const COUNT = ((BEFORE_MS + OUTAGE_MS + AFTER_MS) / 1000) * RATE;

describe('fault: Temporal away for 60 s while reports arrive', () => {
  it('answers every report 201 at once, loses and doubles none, and starts every workflow when it returns', async () => {
    const figures = await runScenario({
      name: 'temporal-outage-intake',
      count: COUNT,
      ratePerSecond: RATE,
      workflowBundle: inject('workflowBundlePath'),
      convergeWithinMs: 300_000,
      // 700 queued cases would pass a dispatch batch's deadline on two shared cores; the invariants
      // (each case's workflow in its expected state, its chain and read model) already show it works.
      dispatchAfter: false,
      fault: {
        at: BEFORE_MS,
        inject: (system) => system.temporal.kill(),
        outageMs: OUTAGE_MS,
        recover: (system) => system.temporal.start(),
      },
    });
    // One attempt per report, each answered 201: nothing refused, nothing retried, nothing replayed.
    expect(figures.load.statuses).toEqual({ '201': COUNT });
    expect(figures.load.attempts).toBe(COUNT);
    expect(figures.load.duplicated).toBe(0);
    expect(figures.casesLost).toBe(0);
    expect(figures.invariants.problems).toEqual([]);
    expect(holds(figures.invariants)).toBe(true);
    // The outage did catch reports: some cases' workflows could only start after Temporal's return.
    expect(figures.workflowStarts!.afterReturn.count).toBeGreaterThan(0);
    expect(figures.workflowStarts!.missing).toBe(0);
  }, 900_000);
});
