// The history service (it owns the shards: every workflow's state) killed with SIGKILL mid-load and
// started again 5 s later on its ports; intake and weekly reports keep coming meanwhile.
import { describe, it, inject } from 'vitest';
import { runClusterScenario } from './support/cluster-scenario';
import { expectEverythingHeld } from './support/expect-held';

describe('cluster fault: the history service killed with SIGKILL and restarted', () => {
  it('keeps every accepted case and report exactly once, settled, chained and matching its workflow', async () => {
    const figures = await runClusterScenario({
      name: 'history-kill',
      workflowBundle: inject('workflowBundlePath'),
      count: 120,
      ratePerSecond: 4,
      casesInProgress: 10,
      reportsPerSecond: 2,
      fault: {
        at: 8000,
        inject: (running) => running.cluster.services.history.kill(),
        outageMs: 5000,
        recover: (running) => running.cluster.services.history.start(),
      },
    });
    expectEverythingHeld(figures, 130);
  });
});
