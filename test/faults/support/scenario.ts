// One fault scenario: the whole system (scripts/lib/load-system.ts), a paced load of cases through
// the API, the fault injected and removed at fixed moments, then the invariants checked until they
// hold, a dispatch batch run to show the system still works, and the figures written to
// .data/faults/<name>.json for scripts/fault-suite.ts and docs/faults.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../../scripts/lib/processes';
import { startLoadSystem, type LoadSystem } from '../../../scripts/lib/load-system';
import { acceptedCases, convergence, type InvariantReport } from './invariants';
import { loadFigures, startLoad, type LoadFigures, type Submission } from './submit';
import { workflowStartFigures, type WorkflowStartFigures } from './workflow-starts';

export interface Fault {
  /** ms after the load starts. */
  at: number;
  /** What breaks (kill, stop). */
  inject(system: LoadSystem): Promise<void>;
  /** How long it stays broken before `recover` runs. */
  outageMs: number;
  recover(system: LoadSystem): Promise<void>;
}

export interface ScenarioOptions {
  name: string;
  count: number;
  ratePerSecond: number;
  fault: Fault | null;
  /** An existing empty database (vitest's clone); else a PostgreSQL of the scenario's own. */
  databaseUrl?: string;
  workflowBundle?: string;
  /** How long the invariants may take to hold after the load ends. */
  convergeWithinMs?: number;
  /**
   * Run the office's dispatch batch after the invariants hold (default true). A load of a thousand
   * cases would pass the batch's 120 s deadline on two shared cores; such a scenario skips it, and
   * `afterDispatch` then repeats the converged report with nothing dispatched.
   */
  dispatchAfter?: boolean;
}

export interface ScenarioFigures {
  scenario: string;
  at: string;
  load: LoadFigures;
  faultAtMs: number | null;
  recoveredAtMs: number | null;
  /** From the fault's removal to the first case accepted after it. */
  firstAcceptanceAfterRecoveryMs: number | null;
  /** From the fault's removal until the last case sent before it was accepted (its retries succeeded). */
  timeToRecoverMs: number | null;
  /** From the end of the load until every invariant held. */
  convergenceMs: number;
  invariants: InvariantReport;
  afterDispatch: InvariantReport & { dispatched: number; skipped: number; ms: number };
  casesLost: number;
  /** When each case's workflow started against the fault's removal (scenarios with a fault). */
  workflowStarts?: WorkflowStartFigures;
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioFigures> {
  const system = await startLoadSystem({
    name: `faults/${options.name}`,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
    api: { rateLimitPerMinute: 1_000_000 },
  });
  try {
    const load = startLoad({
      apiUrl: system.api!.url,
      token: system.tokens.visitor,
      count: options.count,
      ratePerSecond: options.ratePerSecond,
      giveUpAfterMs: 180_000,
    });
    let faultAtMs: number | null = null;
    let recoveredAtMs: number | null = null;
    if (options.fault) {
      const fault = options.fault;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, fault.at - load.now())));
      faultAtMs = load.now();
      await fault.inject(system);
      await new Promise((resolve) => setTimeout(resolve, fault.outageMs));
      await fault.recover(system);
      recoveredAtMs = load.now();
    }
    const submissions: Submission[] = await load.done;
    const figures = loadFigures(submissions);
    const cases = acceptedCases(submissions);
    const converged = await convergence(system.sql, system.client, cases, options.convergeWithinMs ?? 180_000);

    const workflowStarts =
      faultAtMs === null || recoveredAtMs === null
        ? undefined
        : await workflowStartFigures(system.client, submissions, {
            loadStartedAtEpochMs: performance.timeOrigin + load.startedAt,
            faultAtMs,
            recoveredAtMs,
          });

    const dispatchAfter = options.dispatchAfter ?? true;
    const dispatched = dispatchAfter ? await dispatchAll(system) : { dispatched: 0, skipped: 0, ms: 0 };
    const afterDispatch = dispatchAfter
      ? await convergence(system.sql, system.client, cases, 120_000, { statusOverride: { queued: 'assigned' } })
      : converged;

    const afterRecovery =
      recoveredAtMs === null
        ? []
        : submissions.map((s) => s.acceptedAt).filter((t): t is number => t !== null && t >= recoveredAtMs);
    const result: ScenarioFigures = {
      scenario: options.name,
      at: new Date().toISOString(),
      load: figures,
      faultAtMs,
      recoveredAtMs,
      firstAcceptanceAfterRecoveryMs: afterRecovery.length ? Math.min(...afterRecovery) - recoveredAtMs! : null,
      timeToRecoverMs: recoveredAtMs === null ? null : caughtUp(submissions, recoveredAtMs),
      convergenceMs: converged.ms,
      invariants: converged.report,
      afterDispatch: { ...afterDispatch.report, ...dispatched },
      casesLost: converged.report.lost + figures.gaveUp,
      ...(workflowStarts ? { workflowStarts } : {}),
    };
    const dir = join(projectRoot, '.data', 'faults');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${options.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    // Every attempt of every submission, for a closer look at what the clients saw.
    writeFileSync(join(dir, `${options.name}.attempts.json`), JSON.stringify(submissions));
    return result;
  } finally {
    await system.stop();
  }
}

/** The last acceptance of a submission first sent before `recoveredAt`, relative to it (0: none waited). */
export function caughtUp(submissions: Submission[], recoveredAt: number): number {
  const caught = submissions.filter((s) => s.attempts[0]!.at < recoveredAt && s.acceptedAt !== null);
  return Math.max(0, ...caught.map((s) => s.acceptedAt! - recoveredAt));
}

/** POST /v1/dispatches as the office: every queued case goes to its lead. */
export async function dispatchAll(system: LoadSystem): Promise<{ dispatched: number; skipped: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${system.api!.url}/v1/dispatches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${system.tokens.office}` },
    signal: AbortSignal.timeout(150_000),
  });
  if (response.status !== 201) throw new Error(`dispatch answered ${response.status}: ${await response.text()}`);
  const batch = (await response.json()) as { cases: unknown[]; skipped: unknown[] };
  return { dispatched: batch.cases.length, skipped: batch.skipped.length, ms: Date.now() - started };
}
