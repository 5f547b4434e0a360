// The matching service (it holds the task queues the workers poll) killed with SIGKILL mid-load and
// started again 5 s later: tasks in flight are rebuilt from history, workers re-poll.
import { describe, it, inject } from 'vitest';
import { runClusterScenario, SCENARIO_LOAD, serviceKilledAndRestarted } from './support/cluster-scenario';
import { expectEverythingHeld } from './support/expect-held';

describe('cluster fault: the matching service killed with SIGKILL and restarted', () => {
  it('keeps every accepted case and report exactly once, settled, chained and matching its workflow', async () => {
    const figures = await runClusterScenario({
      name: 'matching-kill',
      workflowBundle: inject('workflowBundlePath'),
      ...SCENARIO_LOAD,
      fault: serviceKilledAndRestarted('matching'),
    });
    expectEverythingHeld(figures, 130);
  });
});
