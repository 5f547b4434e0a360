// Fault 3 (issue 7): PostgreSQL is stopped for 30 seconds in the middle of a load and started again
// with its data. The API answers 503 with Retry-After meanwhile, the workflows' activities retry until
// the database is back, and every read model converges on its workflow's state.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { holds } from './support/invariants';
import { runScenario } from './support/scenario';

describe('fault: PostgreSQL stopped for 30 s mid-load', () => {
  it('answers 503 with Retry-After, then converges with every accepted case intact', async () => {
    const figures = await runScenario({
      name: 'postgres-outage',
      count: 250,
      ratePerSecond: 5,
      workflowBundle: inject('workflowBundlePath'),
      convergeWithinMs: 240_000,
      fault: {
        at: 8000,
        inject: (system) => system.postgres!.stop(),
        outageMs: 30_000,
        recover: (system) => system.postgres!.start(),
      },
    });
    expect(figures.load.statuses['503']).toBeGreaterThan(0);
    expect(figures.load.gaveUp).toBe(0);
    expect(figures.load.duplicated).toBe(0);
    expect(figures.invariants.problems).toEqual([]);
    expect(holds(figures.invariants)).toBe(true);
    expect(figures.afterDispatch.problems).toEqual([]);
  }, 900_000);
});
