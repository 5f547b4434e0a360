// Fault 2 (issue 7): the Temporal dev server (history on a SQLite file) is killed with SIGKILL in the
// middle of a load and started again on the same port with the same file. Since the outbox intake
// (issue 12) the API stores each report and answers 201 while it is gone (the worker's sweeper starts
// those cases' workflows; temporal-outage-intake.slow.ts measures how soon), the worker and the API
// reconnect by themselves, and every accepted case survives.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { holds } from './support/invariants';
import { runScenario } from './support/scenario';

describe('fault: the Temporal server killed and restarted mid-load', () => {
  it('keeps every accepted case exactly once, settled, chained and matching its workflow', async () => {
    const figures = await runScenario({
      name: 'temporal-restart',
      count: 160,
      ratePerSecond: 8,
      workflowBundle: inject('workflowBundlePath'),
      fault: {
        at: 6000,
        inject: (system) => system.temporal.kill(),
        outageMs: 5000,
        recover: (system) => system.temporal.start(),
      },
    });
    expect(figures.load.gaveUp).toBe(0);
    expect(figures.load.duplicated).toBe(0);
    expect(figures.invariants.problems).toEqual([]);
    expect(holds(figures.invariants)).toBe(true);
    expect(figures.afterDispatch.problems).toEqual([]);
  }, 600_000);
});
