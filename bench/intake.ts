// POST /v1/cases end to end (validated, routed, policy pinned; the reporter, `reported` and its
// placement and the outbox row stored in one transaction; then a plain start of the case workflow) at
// fixed rates, against the same rates of a bare `client.workflow.start` of a no-op workflow on the
// same Temporal server and, on request, update-with-start of that no-op workflow: the call the intake
// made before the outbox (issue 12), the floor that design had. Targets (bench-targets.ts): intake
// throughput ≥ 0.9 of the bare start's at every rate, intake p99 ≤ bare p99 + 10 ms at 25/s and 50/s.
// Run: npm run bench -- intake
//   BENCH_INTAKE_RATES=25,50,100  BENCH_INTAKE_SECONDS=20  BENCH_INTAKE_GENERATORS=autocannon,paced
//   BENCH_INTAKE_NOOP_UPDATE=1   also the no-op update-with-start (off by default: on two shared cores
//   it falls behind at 25/s, and the backlog of its workflow tasks weighs on the runs after it)
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { cpuMeter } from '../scripts/lib/proc-stats';
import { startLoadSystem } from '../scripts/lib/load-system';
import { NOOP_TASK_QUEUE, startBareServer, startNoopWorker } from './support/baseline';
import { caseBodies } from './support/case-bodies';
import { meanPhases, phasesUntilFirstUpdate, type Phases } from './support/history-phases';
import { autocannonLoad, pacedLoad, type LoadResult, type Target } from './support/load';
import { external } from './support/external';
import {
  INTAKE_P99_MARGIN_MS,
  INTAKE_P99_RATES,
  INTAKE_THROUGHPUT_RATIO,
  intakeTargets,
} from './support/bench-targets';
import { machine, writeResult, type SummaryRow } from './support/results';
import { mapLimit, round, sleep, summarize } from './support/stats';

const numbers = (text: string | undefined, fallback: number[]) =>
  text
    ? text
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : fallback;
const RATES = numbers(process.env.BENCH_INTAKE_RATES, [25, 50, 100]);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 100);
const GENERATORS = (process.env.BENCH_INTAKE_GENERATORS ?? 'autocannon,paced').split(',') as Array<
  'autocannon' | 'paced'
>;
const WITH_NOOP_UPDATE = process.env.BENCH_INTAKE_NOOP_UPDATE === '1';
const HISTORY_SAMPLE = 60;

type TargetName = 'bare-start' | 'bare-update-with-start' | 'intake';

interface RequestTiming {
  received: number;
  authorised?: number;
  temporalStart?: number;
  temporalEnd?: number;
}

/**
 * Per-request split of the API's time: before the handler; the handler before Temporal (routing,
 * policy, the intake transaction); the case workflow's start; after it (the reply).
 */
function apiTimings() {
  const store = new AsyncLocalStorage<RequestTiming>();
  const byRequest = new WeakMap<FastifyRequest, RequestTiming>();
  let samples: Array<Required<RequestTiming> & { done: number }> = [];
  const interceptor: WorkflowClientInterceptor = {
    start: async (input, next) => {
      const timing = store.getStore();
      const started = performance.now();
      try {
        return await next(input);
      } finally {
        if (timing) {
          timing.temporalStart = started;
          timing.temporalEnd = performance.now();
        }
      }
    },
  };
  const hooks = (app: FastifyInstance) => {
    const isIntake = (request: FastifyRequest) => request.method === 'POST' && request.url === '/v1/cases';
    app.addHook('onRequest', async (request) => {
      if (!isIntake(request)) return;
      const timing: RequestTiming = { received: performance.now() };
      byRequest.set(request, timing);
      store.enterWith(timing);
    });
    app.addHook('preHandler', async (request) => {
      const timing = byRequest.get(request);
      if (timing) timing.authorised = performance.now();
    });
    app.addHook('onResponse', async (request, reply) => {
      const timing = byRequest.get(request);
      if (timing && reply.statusCode === 201 && timing.authorised && timing.temporalStart && timing.temporalEnd) {
        samples.push({ ...(timing as Required<RequestTiming>), done: performance.now() });
      }
    });
  };
  return {
    interceptor,
    hooks,
    reset: () => (samples = []),
    /** ms per phase over the requests since the last reset. */
    summary() {
      return {
        requests: samples.length,
        authAndValidationMs: summarize(samples.map((s) => s.authorised - s.received)),
        routingPolicyTransactionMs: summarize(samples.map((s) => s.temporalStart - s.authorised)),
        temporalStartMs: summarize(samples.map((s) => s.temporalEnd - s.temporalStart)),
        replyMs: summarize(samples.map((s) => s.done - s.temporalEnd)),
        totalInServerMs: summarize(samples.map((s) => s.done - s.received)),
      };
    },
  };
}

export async function runIntakeBench(): Promise<object> {
  const timings = apiTimings();
  const system = await startLoadSystem({
    ...external,
    name: 'bench/intake',
    api: { rateLimitPerMinute: 1_000_000_000, interceptors: [timings.interceptor], beforeListen: timings.hooks },
  });
  const noopWorker = await startNoopWorker(system.dir, system.temporal.address);
  const bare = await startBareServer(system.temporal.address);
  try {
    const bodies = caseBodies().map((body) => JSON.stringify(body));
    const json = { 'content-type': 'application/json' };
    const targets: Record<TargetName, Target> = {
      'bare-start': { url: `${bare.url}/start`, headers: json, bodies },
      'bare-update-with-start': { url: `${bare.url}/update-with-start`, headers: json, bodies },
      intake: {
        url: `${system.api!.url}/v1/cases`,
        headers: { ...json, authorization: `Bearer ${system.tokens.visitor}` },
        bodies,
      },
    };
    const meter = () =>
      cpuMeter({
        benchProcess: { pid: process.pid, tree: false },
        dubanWorker: { pid: system.worker.current()?.pid ?? null, tree: false },
        noopWorker: { pid: noopWorker.pid, tree: false },
        temporal: { pid: system.temporal.pid() },
        postgres: { pid: system.postgres?.pid() ?? null },
      });

    // Warm up every path (JIT, connections, the worker's bundle, PostgreSQL's caches).
    const measured: TargetName[] = WITH_NOOP_UPDATE
      ? ['bare-start', 'bare-update-with-start', 'intake']
      : ['bare-start', 'intake'];
    for (const target of measured) await pacedLoad(targets[target], 10, 3);

    const runs: Array<
      LoadResult & {
        target: TargetName;
        cpuCores: Record<string, number>;
        cpuMsPerRequest: Record<string, number>;
        startedAt: string;
        endedAt: string;
        /** Intake: case starts still in the outbox when the run ended (left to the sweeper). */
        outboxBacklog?: number;
      }
    > = [];
    const apiSplit: Record<string, ReturnType<typeof timings.summary>> = {};
    for (const rate of RATES) {
      for (const generator of GENERATORS) {
        for (const target of measured) {
          await sleep(3000);
          timings.reset();
          const startedAt = new Date().toISOString();
          const cpu = meter();
          const result =
            generator === 'autocannon'
              ? await autocannonLoad(targets[target], rate, SECONDS, CONNECTIONS)
              : await pacedLoad(targets[target], rate, SECONDS);
          const cpuCores = cpu.stop();
          // CPU milliseconds each process spent per answered request: where the work is, load aside.
          const cpuMsPerRequest = Object.fromEntries(
            Object.entries(cpuCores).map(([name, cores]) => [
              name,
              round((cores * 1000) / Math.max(result.throughput, 0.1), 1),
            ]),
          );
          const endedAt = new Date().toISOString();
          const outboxBacklog =
            target === 'intake'
              ? (await system.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM case_starts`)[0]!.n
              : undefined;
          runs.push({ ...result, target, cpuCores, cpuMsPerRequest, startedAt, endedAt, outboxBacklog });
          if (target === 'intake') apiSplit[`${generator}@${rate}`] = timings.summary();
          console.log(
            `  ${generator.padEnd(10)} ${String(rate).padStart(4)}/s ${target.padEnd(22)} ` +
              `${String(result.throughput).padStart(6)}/s ok ${result.ok} p50 ${result.latency.p50} p99 ${result.latency.p99} ms` +
              ` non2xx ${result.non2xx} err ${result.errors}` +
              `${outboxBacklog === undefined ? '' : ` outbox ${outboxBacklog}`} cpu ${JSON.stringify(cpuCores)}`,
          );
        }
      }
    }

    // Where the time goes inside Temporal, per run: histories of workflows each run started.
    const historyOf = async (run: (typeof runs)[number]): Promise<{ workflows: number; mean: Phases } | null> => {
      let ids: string[] = [];
      if (run.target === 'intake') {
        ids = (
          await system.sql<{ id: string }[]>`
            SELECT id FROM cases WHERE reported_at >= ${run.startedAt} AND reported_at < ${run.endedAt}
            ORDER BY random() LIMIT ${HISTORY_SAMPLE}`
        ).map((row) => row.id);
      } else if (run.target === 'bare-update-with-start') {
        for await (const info of system.client.workflow.list({
          query: `TaskQueue = '${NOOP_TASK_QUEUE}' AND StartTime >= '${run.startedAt}' AND StartTime < '${run.endedAt}'`,
        })) {
          ids.push(info.workflowId);
          if (ids.length >= HISTORY_SAMPLE) break;
        }
      }
      // The intake's answer no longer waits for its workflow: what its history shows is how soon the
      // worker took the case up (start to first workflow task), not part of the answer's latency.
      const until = run.target === 'intake' ? 'first-workflow-task' : 'first-update';
      // A case whose start was left to the sweeper may have no workflow yet: it has no phases.
      const phasesOf = (id: string) => phasesUntilFirstUpdate(system.client, id, until).catch(() => null);
      const phases = (await mapLimit(ids, 10, phasesOf)).filter((p): p is Phases => p !== null);
      return phases.length ? { workflows: phases.length, mean: meanPhases(phases) } : null;
    };
    const histories: Record<string, { workflows: number; mean: Phases }> = {};
    for (const run of runs) {
      const history = await historyOf(run);
      if (history) histories[`${run.target} ${run.generator}@${run.offeredRate}`] = history;
    }

    const comparisons = RATES.flatMap((rate) =>
      GENERATORS.map((generator) => {
        const of = (target: TargetName) =>
          runs.find((r) => r.offeredRate === rate && r.generator === generator && r.target === target);
        const [bareStart, bareUws, intake] = [of('bare-start')!, of('bare-update-with-start'), of('intake')!];
        const throughputRatio = round(intake.throughput / bareStart.throughput, 2);
        const p99Delta = round(intake.latency.p99 - bareStart.latency.p99, 1);
        return {
          rate,
          generator,
          intake: {
            throughput: intake.throughput,
            p50: intake.latency.p50,
            p99: intake.latency.p99,
            non2xx: intake.non2xx,
          },
          bareStart: { throughput: bareStart.throughput, p50: bareStart.latency.p50, p99: bareStart.latency.p99 },
          bareUpdateWithStart: bareUws
            ? { throughput: bareUws.throughput, p50: bareUws.latency.p50, p99: bareUws.latency.p99 }
            : null,
          throughputRatio,
          p99DeltaMs: p99Delta,
          throughputTargetHolds: throughputRatio >= INTAKE_THROUGHPUT_RATIO,
          latencyTargetHolds: INTAKE_P99_RATES.includes(rate) ? p99Delta <= INTAKE_P99_MARGIN_MS : null,
        };
      }),
    );
    const summary = intakeSummary(comparisons);
    const result = {
      // Against a cluster (BENCH_TEMPORAL_ADDRESS; `npm run cluster -- bench` runs both) the result
      // is kept beside the dev server's instead of replacing it.
      bench: external.temporalAddress ? 'intake-cluster' : 'intake',
      ...machine(),
      config: {
        rates: RATES,
        seconds: SECONDS,
        connections: CONNECTIONS,
        generators: GENERATORS,
        bodies: bodies.length,
      },
      setup: `PostgreSQL 15 (temporary, fsync off), ${external.temporalAddress ? `the Temporal server or cluster at ${external.temporalAddress}` : 'Temporal dev server on a SQLite file'}, duban worker and no-op worker as child processes, API and load generator in the bench process`,
      summary,
      targets: intakeTargets(comparisons),
      comparisons,
      runs,
      profile: {
        note: 'API split from Fastify hooks and a client interceptor on the case workflow start (p50/p99 per phase); Temporal split from the histories of up to 60 workflows of each run, until the first update completed (no-op update-with-start) or, for intake, until the first workflow task completed: how soon the worker took the case up after the answer (means, ms)',
        api: apiSplit,
        histories,
      },
    };
    writeResult(result);
    return result;
  } finally {
    await bare.close();
    await noopWorker.stop();
    await system.stop();
  }
}

if (require.main === module) {
  runIntakeBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/** What `intakeSummary` reads of each (rate, generator) comparison. */
export interface IntakeComparison {
  rate: number;
  generator: string;
  intake: { throughput: number; p50: number; p99: number; non2xx: number };
  bareStart: { throughput: number; p50: number; p99: number };
  /** Null unless BENCH_INTAKE_NOOP_UPDATE=1. */
  bareUpdateWithStart: { throughput: number; p50: number; p99: number } | null;
  throughputRatio: number;
  p99DeltaMs: number;
  throughputTargetHolds: boolean;
  /** Null at a rate the p99 target does not apply at (100/s). */
  latencyTargetHolds: boolean | null;
}

/**
 * Two rows per rate and generator: throughput against the bare start (the issue's target) and the
 * no-op update-with-start (Temporal's floor for what intake must do), then p50/p99 likewise.
 */
export function intakeSummary(comparisons: IntakeComparison[]): SummaryRow[] {
  return comparisons.flatMap((c) => [
    {
      figure: `intake at ${c.rate}/s (${c.generator}): throughput`,
      value: `${c.intake.throughput}/s`,
      baseline: `${c.bareStart.throughput}/s bare start${
        c.bareUpdateWithStart ? `; ${c.bareUpdateWithStart.throughput}/s no-op update-with-start` : ''
      }`,
      ratio: `${c.throughputRatio}${
        c.bareUpdateWithStart ? ` / ${round(c.intake.throughput / c.bareUpdateWithStart.throughput, 2)}` : ''
      }`,
      target: `≥ ${INTAKE_THROUGHPUT_RATIO}: ${c.throughputTargetHolds ? 'holds' : 'fails'}`,
    },
    {
      figure: `intake at ${c.rate}/s (${c.generator}): p50 / p99`,
      value: `${c.intake.p50} / ${c.intake.p99} ms`,
      baseline: `${c.bareStart.p50} / ${c.bareStart.p99} ms bare start${
        c.bareUpdateWithStart
          ? `; ${c.bareUpdateWithStart.p50} / ${c.bareUpdateWithStart.p99} ms no-op update-with-start`
          : ''
      }`,
      ratio: `p99 +${c.p99DeltaMs} ms`,
      target:
        c.latencyTargetHolds === null
          ? ''
          : `p99 ≤ bare + ${INTAKE_P99_MARGIN_MS} ms: ${c.latencyTargetHolds ? 'holds' : 'fails'}`,
    },
  ]);
}
