// One fault on the cluster with load running: cases in progress made first, then paced intake
// (test/faults/support/submit.ts) and paced weekly reports together, the fault injected and removed at
// fixed moments, the invariants checked until they hold (test/faults/support/invariants.ts), a
// dispatch batch run to show the system still works, and the figures written to
// .data/faults/cluster-<name>.json, where `npm run faults` prints them with the dev-server scenarios.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../scripts/lib/processes';
import { acceptedCases, convergence } from '../../faults/support/invariants';
import { caughtUp, dispatchAll, type ScenarioFigures } from '../../faults/support/scenario';
import { loadFigures, startLoad } from '../../faults/support/submit';
import { startClusterSystem, type ClusterSystem } from './cluster-system';
import { casesInProgress, inProgress, startReports, type ReportFigures } from './weekly-reports';

export interface ClusterFault {
  /** ms after the load starts. */
  at: number;
  inject(cluster: ClusterSystem): Promise<void>;
  /** How long it stays broken before `recover` runs (0: nothing to undo, the system must cope). */
  outageMs: number;
  recover(cluster: ClusterSystem): Promise<void>;
}

export interface ClusterScenarioOptions {
  name: string;
  workflowBundle: string;
  fault: ClusterFault;
  /** Intake: `count` reported problems at `ratePerSecond`. */
  count: number;
  ratePerSecond: number;
  /** Weekly reports to as many cases in progress, at `reportsPerSecond`, while the intake runs. */
  casesInProgress: number;
  reportsPerSecond: number;
}

/** The load every fault scenario runs under: paced intake and weekly reports to cases in progress. */
export const SCENARIO_LOAD = { count: 120, ratePerSecond: 4, casesInProgress: 10, reportsPerSecond: 2 } as const;

/** A Temporal service killed with SIGKILL 8 s into the load and started again 5 s later on its ports. */
export const serviceKilledAndRestarted = (service: 'history' | 'matching'): ClusterFault => ({
  at: 8000,
  inject: (running) => running.cluster.services[service].kill(),
  outageMs: 5000,
  recover: (running) => running.cluster.services[service].start(),
});

export interface ClusterScenarioFigures extends ScenarioFigures {
  cluster: true;
  reports: ReportFigures;
  /** ms the fault's `recover` step took (a service restarted until its port answered). */
  recoverStepMs: number;
}

export async function runClusterScenario(options: ClusterScenarioOptions): Promise<ClusterScenarioFigures> {
  const running = await startClusterSystem(options.name, options.workflowBundle);
  const { system } = running;
  try {
    const open = await casesInProgress(system, options.casesInProgress);
    const load = startLoad({
      apiUrl: system.api!.url,
      token: system.tokens.visitor,
      count: options.count,
      ratePerSecond: options.ratePerSecond,
      giveUpAfterMs: 180_000,
    });
    const reportsDone = startReports(system, open, {
      count: Math.round((options.count / options.ratePerSecond) * options.reportsPerSecond),
      ratePerSecond: options.reportsPerSecond,
      giveUpAfterMs: 180_000,
    });
    const { fault } = options;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fault.at - load.now())));
    const faultAtMs = load.now();
    await fault.inject(running);
    await new Promise((resolve) => setTimeout(resolve, fault.outageMs));
    const recoverStarted = load.now();
    await fault.recover(running);
    const recoveredAtMs = load.now();

    const [submissions, reports] = await Promise.all([load.done, reportsDone]);
    const figures = loadFigures(submissions);
    const cases = [...acceptedCases(submissions), ...inProgress(open)];
    const converged = await convergence(system.sql, system.client, cases, 240_000);
    const dispatched = await dispatchAll(system);
    const afterDispatch = await convergence(system.sql, system.client, cases, 120_000, {
      statusOverride: { queued: 'assigned' },
    });
    const afterRecovery = submissions
      .map((s) => s.acceptedAt)
      .filter((t): t is number => t !== null && t >= recoveredAtMs);
    const result: ClusterScenarioFigures = {
      scenario: `cluster-${options.name}`,
      cluster: true,
      at: new Date().toISOString(),
      load: figures,
      reports,
      faultAtMs,
      recoveredAtMs,
      recoverStepMs: recoveredAtMs - recoverStarted,
      firstAcceptanceAfterRecoveryMs: afterRecovery.length ? Math.min(...afterRecovery) - recoveredAtMs : null,
      timeToRecoverMs: caughtUp(submissions, recoveredAtMs),
      convergenceMs: converged.ms,
      invariants: converged.report,
      afterDispatch: { ...afterDispatch.report, ...dispatched },
      casesLost: converged.report.lost + figures.gaveUp,
    };
    const dir = join(projectRoot, '.data', 'faults');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${result.scenario}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(dir, `${result.scenario}.attempts.json`), JSON.stringify(submissions));
    return result;
  } finally {
    await running.stop();
  }
}
