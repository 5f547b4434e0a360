// Temporal's PostgreSQL (persistence and visibility of the cluster; duban's ledger has its own)
// stopped for 30 s mid-load and started again with its data: every service loses its store at once.
import { describe, it, inject } from 'vitest';
import { runClusterScenario, SCENARIO_LOAD } from './support/cluster-scenario';
import { expectEverythingHeld } from './support/expect-held';

describe("cluster fault: Temporal's PostgreSQL stopped for 30 s", () => {
  it('keeps every accepted case and report exactly once, settled, chained and matching its workflow', async () => {
    const figures = await runClusterScenario({
      name: 'postgres-stop',
      workflowBundle: inject('workflowBundlePath'),
      count: 200,
      ratePerSecond: SCENARIO_LOAD.ratePerSecond,
      casesInProgress: SCENARIO_LOAD.casesInProgress,
      reportsPerSecond: SCENARIO_LOAD.reportsPerSecond,
      fault: {
        at: 8000,
        inject: (running) => running.cluster.postgres.stop(),
        outageMs: 30_000,
        recover: (running) => running.cluster.postgres.start(),
      },
    });
    expectEverythingHeld(figures, 210);
  });
});
