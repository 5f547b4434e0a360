// One of the two duban workers on the task queue killed with SIGKILL mid-load and not restarted: the
// other takes over its workflows (their sticky tasks time out to the shared queue) and its activities
// (retried after their timeouts).
import { describe, expect, it, inject } from 'vitest';
import { runClusterScenario, SCENARIO_LOAD } from './support/cluster-scenario';
import { expectEverythingHeld } from './support/expect-held';

describe('cluster fault: one of two workers killed with SIGKILL', () => {
  it('keeps every accepted case and report exactly once, the survivor carrying the load', async () => {
    let survivor: number | null = null;
    const figures = await runClusterScenario({
      name: 'worker-kill',
      workflowBundle: inject('workflowBundlePath'),
      ...SCENARIO_LOAD,
      fault: {
        at: 8000,
        inject: async (running) => {
          survivor = running.second.current()?.pid ?? null;
          await running.system.worker.kill();
        },
        outageMs: 0,
        recover: async (running) => {
          // Nothing is restarted; the survivor must still be the one running.
          expect(running.system.worker.current()).toBeNull();
          expect(running.second.current()?.pid).toBe(survivor);
        },
      },
    });
    expect(survivor).not.toBeNull();
    expectEverythingHeld(figures, 130);
  });
});
