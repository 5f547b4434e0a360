// POST /v1/cases end to end (validated, routed, workflow started by update-with-start, `reported`
// and `queued` stored) at fixed rates, against the same rates of a bare `client.workflow.start` of a
// no-op workflow on the same Temporal server, plus update-with-start of that no-op workflow, which
// separates Temporal's update round trip from duban's own work. Targets (issue 7): intake throughput
// ≥ 0.8 of the bare start's, and intake p99 ≤ bare p99 + 10 ms. Run: npm run bench -- intake
//   BENCH_INTAKE_RATES=25,50,100  BENCH_INTAKE_SECONDS=20  BENCH_INTAKE_GENERATORS=autocannon,paced
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
import { intakeTargets } from './support/bench-targets';
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
const HISTORY_SAMPLE = 60;

type TargetName = 'bare-start' | 'bare-update-with-start' | 'intake';

interface RequestTiming {
  received: number;
  authorised?: number;
  temporalStart?: number;
  temporalEnd?: number;
}

/** Per-request split of the API's time: before the handler, the handler before Temporal, Temporal, after. */
function apiTimings() {
  const store = new AsyncLocalStorage<RequestTiming>();
  const byRequest = new WeakMap<FastifyRequest, RequestTiming>();
  let samples: Array<Required<RequestTiming> & { done: number }> = [];
  const interceptor: WorkflowClientInterceptor = {
    startUpdateWithStart: async (input, next) => {
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
        routingPolicyReporterMs: summarize(samples.map((s) => s.temporalStart - s.authorised)),
        temporalUpdateWithStartMs: summarize(samples.map((s) => s.temporalEnd - s.temporalStart)),
        readBackAndReplyMs: summarize(samples.map((s) => s.done - s.temporalEnd)),
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
    for (const target of Object.values(targets)) await pacedLoad(target, 10, 3);

    const runs: Array<
      LoadResult & {
        target: TargetName;
        cpuCores: Record<string, number>;
        cpuMsPerRequest: Record<string, number>;
        startedAt: string;
        endedAt: string;
      }
    > = [];
    const apiSplit: Record<string, ReturnType<typeof timings.summary>> = {};
    for (const rate of RATES) {
      for (const generator of GENERATORS) {
        for (const target of ['bare-start', 'bare-update-with-start', 'intake'] as TargetName[]) {
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
          runs.push({ ...result, target, cpuCores, cpuMsPerRequest, startedAt, endedAt: new Date().toISOString() });
          if (target === 'intake') apiSplit[`${generator}@${rate}`] = timings.summary();
          console.log(
            `  ${generator.padEnd(10)} ${String(rate).padStart(4)}/s ${target.padEnd(22)} ` +
              `${String(result.throughput).padStart(6)}/s ok ${result.ok} p50 ${result.latency.p50} p99 ${result.latency.p99} ms` +
              ` non2xx ${result.non2xx} err ${result.errors} cpu ${JSON.stringify(cpuCores)}`,
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
      const phases = (await mapLimit(ids, 10, (id) => phasesUntilFirstUpdate(system.client, id))).filter(
        (p): p is Phases => p !== null,
      );
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
          runs.find((r) => r.offeredRate === rate && r.generator === generator && r.target === target)!;
        const [bareStart, bareUws, intake] = [of('bare-start'), of('bare-update-with-start'), of('intake')];
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
          bareUpdateWithStart: { throughput: bareUws.throughput, p50: bareUws.latency.p50, p99: bareUws.latency.p99 },
          throughputRatio,
          p99DeltaMs: p99Delta,
          throughputTargetHolds: throughputRatio >= 0.8,
          latencyTargetHolds: p99Delta <= 10,
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
        note: 'API split from Fastify hooks and a client interceptor (p50/p99 per phase); Temporal split from the histories of up to 60 workflows of each run, until the first update completed (means, ms)',
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
  bareUpdateWithStart: { throughput: number; p50: number; p99: number };
  throughputRatio: number;
  p99DeltaMs: number;
  throughputTargetHolds: boolean;
  latencyTargetHolds: boolean;
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
      baseline: `${c.bareStart.throughput}/s bare start; ${c.bareUpdateWithStart.throughput}/s no-op update-with-start`,
      ratio: `${c.throughputRatio} / ${round(c.intake.throughput / c.bareUpdateWithStart.throughput, 2)}`,
      target: `≥ 0.8: ${c.throughputTargetHolds ? 'holds' : 'fails'}`,
    },
    {
      figure: `intake at ${c.rate}/s (${c.generator}): p50 / p99`,
      value: `${c.intake.p50} / ${c.intake.p99} ms`,
      baseline: `${c.bareStart.p50} / ${c.bareStart.p99} ms bare start; ${c.bareUpdateWithStart.p50} / ${c.bareUpdateWithStart.p99} ms no-op update-with-start`,
      ratio: `p99 +${c.p99DeltaMs} ms`,
      target: `p99 ≤ bare + 10 ms: ${c.latencyTargetHolds ? 'holds' : 'fails'}`,
    },
  ]);
}
