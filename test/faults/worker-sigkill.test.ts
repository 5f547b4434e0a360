// Fault 1 (issue 7): the worker is killed with SIGKILL in the middle of a load of reported cases and
// started again. Requests caught by it wait for their update (or get 503 after the API's 10 s deadline
// and are retried with their Idempotency-Key); nothing accepted may be lost, doubled or left half-recorded.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database';
import { holds } from './support/invariants';
import { runScenario } from './support/scenario';

describe('fault: the worker killed with SIGKILL mid-load', () => {
  it('keeps every accepted case exactly once, settled, chained and matching its workflow', async () => {
    const db = await createTestDatabase();
    try {
      const figures = await runScenario({
        name: 'worker-sigkill',
        count: 100,
        ratePerSecond: 8,
        databaseUrl: db.url,
        workflowBundle: inject('workflowBundlePath'),
        fault: {
          at: 4000,
          inject: (system) => system.worker.kill(),
          outageMs: 3000,
          recover: async (system) => void (await system.worker.start()),
        },
      });
      expect(figures.load.gaveUp).toBe(0);
      expect(figures.load.duplicated).toBe(0);
      expect(figures.invariants.problems).toEqual([]);
      expect(holds(figures.invariants)).toBe(true);
      expect(figures.invariants.cases).toBe(100);
      expect(figures.afterDispatch.problems).toEqual([]);
      expect(figures.afterDispatch.dispatched).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  }, 300_000);
});
