// The history service (it owns the shards: every workflow's state) killed with SIGKILL mid-load and
// started again 5 s later on its ports; intake and weekly reports keep coming meanwhile.
import { describe, it, inject } from 'vitest';
import { runClusterScenario, SCENARIO_LOAD, serviceKilledAndRestarted } from './support/cluster-scenario';
import { expectEverythingHeld } from './support/expect-held';

describe('cluster fault: the history service killed with SIGKILL and restarted', () => {
  it('keeps every accepted case and report exactly once, settled, chained and matching its workflow', async () => {
    const figures = await runClusterScenario({
      name: 'history-kill',
      workflowBundle: inject('workflowBundlePath'),
      ...SCENARIO_LOAD,
      fault: serviceKilledAndRestarted('history'),
    });
    expectEverythingHeld(figures, 130);
  });
});
