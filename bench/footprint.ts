// The worker's memory with many open cases waiting on their timers (assigned: the sign-for clock,
// acceptWithin P1D, so nothing fires during the bench), against an idle worker in the same run.
// Phases: (1) the cases are created and dispatched; (2) the worker holds them for a few minutes —
// does its RSS grow?; (3) and (4) the worker is restarted with a small sticky cache and then with the
// SDK's default, and every case is queried once, which replays it into the cache: the difference is
// what the cache holds; (5) the default-cache worker holds them all again as long as (2), a second
// look at growth. Run: npm run bench -- footprint
//   BENCH_FOOTPRINT_CASES=10000  BENCH_FOOTPRINT_HOLD_SECONDS=180  BENCH_FOOTPRINT_SMALL_CACHE=500
import { performance } from 'node:perf_hooks';
import { caseStateQuery } from '../shared/contracts/case';
import { cpuMeter, rssBytes } from '../scripts/lib/proc-stats';
import { startLoadSystem, startNodeChild, WORKER_ENTRY, type NodeChild } from '../scripts/lib/load-system';
import { join } from 'node:path';
import { createCasesDirect } from './support/direct-cases';
import { external } from './support/external';
import { footprintTargets } from './support/bench-targets';
import { machine, writeResult, type SummaryRow } from './support/results';
import { mapLimit, mib, round, sleep } from './support/stats';

const CASES = Number(process.env.BENCH_FOOTPRINT_CASES ?? 10_000);
const HOLD_SECONDS = Number(process.env.BENCH_FOOTPRINT_HOLD_SECONDS ?? 180);
const SMALL_CACHE = Number(process.env.BENCH_FOOTPRINT_SMALL_CACHE ?? 500);
const SAMPLE_MS = 5000;

interface Sample {
  t: number;
  phase: string;
  workerMiB: number | null;
  idleWorkerMiB: number | null;
}

const cacheOf = (worker: NodeChild) => Number(/cache=(\d+)/.exec(worker.readyOutput)?.[1] ?? Number.NaN);

/** MiB per minute by least squares over the samples of one phase. */
/**
 * The slope over the last `seconds` of a phase: a garbage collection after the load (RSS falls once by
 * hundreds of MiB) is not growth, and a line fitted across it says nothing about a leak.
 */
function settledSlope(samples: Sample[], seconds = 120): number {
  const end = samples.at(-1)?.t ?? 0;
  return slope(samples.filter((s) => s.t >= end - seconds));
}

function slope(samples: Sample[]): number {
  const points = samples.filter((s) => s.workerMiB !== null).map((s) => [s.t / 60, s.workerMiB!] as const);
  if (points.length < 3) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return round(num / den, 2);
}

export async function runFootprintBench(): Promise<object> {
  const system = await startLoadSystem({ ...external, name: 'bench/footprint', api: false });
  // The baseline: the same worker process on a task queue that gets no work.
  const idle = await startNodeChild({
    entry: WORKER_ENTRY,
    env: {
      DATABASE_URL: system.databaseUrl,
      TEMPORAL_ADDRESS: system.temporal.address,
      TEMPORAL_TASK_QUEUE: 'bench-idle',
      DUBAN_WORKFLOW_BUNDLE: system.workflowBundle,
      LOG_LEVEL: 'warn',
    },
    logFile: join(system.dir, 'idle-worker.log'),
    readyLine: 'worker ready',
  });
  const samples: Sample[] = [];
  const started = performance.now();
  let phase = 'start';
  const sample = () =>
    samples.push({
      t: round((performance.now() - started) / 1000, 1),
      phase,
      workerMiB: mib(system.worker.current() ? rssBytes(system.worker.current()!.pid) : null),
      idleWorkerMiB: mib(rssBytes(idle.pid)),
    });
  const sampler = setInterval(sample, SAMPLE_MS);
  const last = (name: string) => samples.filter((s) => s.phase === name).at(-1);
  const mark = (name: string) => {
    sample();
    phase = name;
  };
  const defaultCache = cacheOf(system.worker.current()!);
  /** CPU per process over one phase, in cores: which process limited it. */
  const meter = () =>
    cpuMeter({
      benchProcess: { pid: process.pid, tree: false },
      dubanWorker: { pid: system.worker.current()?.pid ?? null, tree: false },
      idleWorker: { pid: idle.pid, tree: false },
      temporal: { pid: system.temporal.pid() },
      postgres: { pid: system.postgres?.pid() ?? null },
    });
  const cpuCores: Record<string, Record<string, number>> = {};
  try {
    await sleep(10_000);
    mark('create');
    const createStarted = performance.now();
    const createMeter = meter();
    let lastLog = 0;
    const cases = await createCasesDirect({
      client: system.client,
      sql: system.sql,
      taskQueue: system.taskQueue,
      count: CASES,
      concurrency: 50,
      stage: 'assigned',
      onProgress: (done) => {
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          console.log(`    ${done} created, worker ${samples.at(-1)?.workerMiB} MiB`);
        }
      },
    });
    const createSeconds = (performance.now() - createStarted) / 1000;
    cpuCores.create = createMeter.stop();
    mark('hold');
    console.log(`  ${cases.length} cases waiting; holding ${HOLD_SECONDS} s`);
    const holdMeter = meter();
    await sleep(HOLD_SECONDS * 1000);
    cpuCores.hold = holdMeter.stop();

    // A query is read-only, so one that fails or hangs (60 s deadline) while thousands replay is
    // tried again rather than throwing away the run; what still fails is counted.
    const queryFailures: Record<string, number> = {};
    const touchAll = async (name: string) => {
      const t = performance.now();
      const phaseMeter = meter();
      let failed = 0;
      await mapLimit(cases, 50, async (c) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await system.client.withDeadline(Date.now() + 60_000, () =>
              system.client.workflow.getHandle(c.caseId).query(caseStateQuery),
            );
          } catch (error) {
            if (attempt < 3) {
              await sleep(1000);
              continue;
            }
            failed++;
            console.error(`    query of ${c.caseId} failed: ${String(error)}`);
            return null;
          }
        }
      });
      cpuCores[name] = phaseMeter.stop();
      queryFailures[name] = failed;
      const seconds = round((performance.now() - t) / 1000, 1);
      console.log(`  queried ${cases.length} in ${seconds} s (${failed} failed) cpu ${JSON.stringify(cpuCores[name])}`);
      return seconds;
    };
    mark('restart-small-cache');
    await system.worker.stop();
    const small = await system.worker.start({ DUBAN_MAX_CACHED_WORKFLOWS: String(SMALL_CACHE) });
    await sleep(10_000);
    mark('query-all-small-cache');
    const smallQuerySeconds = await touchAll('query-all-small-cache');
    mark('after-small-cache');
    await sleep(60_000);
    mark('restart-default-cache');
    await system.worker.stop();
    await system.worker.start();
    await sleep(10_000);
    mark('query-all-default-cache');
    const defaultQuerySeconds = await touchAll('query-all-default-cache');
    mark('after-default-cache');
    await sleep(60_000);
    mark('hold-again');
    await sleep(HOLD_SECONDS * 1000);
    mark('end');

    const at = (name: string) => last(name)?.workerMiB ?? null;
    const holdSamples = samples.filter((s) => s.phase === 'hold');
    const holdAgainSamples = samples.filter((s) => s.phase === 'hold-again');
    const idleNow = last('after-default-cache')?.idleWorkerMiB ?? null;
    const figures = {
      idleWorkerMiB: idleNow,
      workerBeforeMiB: at('start'),
      workerAfterCreateMiB: at('create'),
      workerEndOfHoldMiB: at('hold'),
      holdSlopeMiBPerMinute: slope(holdSamples),
      holdSettledSlopeMiBPerMinute: settledSlope(holdSamples),
      holdAgain: {
        startMiB: holdAgainSamples[0]?.workerMiB ?? null,
        endMiB: holdAgainSamples.at(-1)?.workerMiB ?? null,
        slopeMiBPerMinute: slope(holdAgainSamples),
        settledSlopeMiBPerMinute: settledSlope(holdAgainSamples),
      },
      smallCache: { maxCachedWorkflows: cacheOf(small), afterQueryingAllMiB: at('after-small-cache') },
      defaultCache: { maxCachedWorkflows: defaultCache, afterQueryingAllMiB: at('after-default-cache') },
    };
    const perCached =
      figures.defaultCache.afterQueryingAllMiB !== null && figures.smallCache.afterQueryingAllMiB !== null
        ? round(
            ((figures.defaultCache.afterQueryingAllMiB - figures.smallCache.afterQueryingAllMiB) * 1024) /
              (Math.min(defaultCache, CASES) - Math.min(SMALL_CACHE, CASES)),
            1,
          )
        : null;
    const summary: SummaryRow[] = [
      {
        figure: `worker RSS with ${cases.length.toLocaleString('en')} open cases (cache ${defaultCache})`,
        value: `${figures.workerEndOfHoldMiB} MiB`,
        baseline: `${idleNow} MiB idle worker`,
        ratio: idleNow && figures.workerEndOfHoldMiB ? `${round(figures.workerEndOfHoldMiB / idleNow, 1)}×` : '',
      },
      {
        figure: `worker RSS growth holding them, last 120 s of ${HOLD_SECONDS} s`,
        value: `${figures.holdSettledSlopeMiBPerMinute} MiB/min`,
        baseline: `${figures.workerAfterCreateMiB} → ${figures.workerEndOfHoldMiB} MiB`,
        ratio: '',
      },
      {
        figure: `worker RSS growth, default cache full after querying all, last 120 s of ${HOLD_SECONDS} s`,
        value: `${figures.holdAgain.settledSlopeMiBPerMinute} MiB/min`,
        baseline: `${figures.holdAgain.startMiB} → ${figures.holdAgain.endMiB} MiB`,
        ratio: '',
      },
      {
        figure: `sticky cache ${SMALL_CACHE} vs ${defaultCache} (all cases queried once)`,
        value: `${figures.smallCache.afterQueryingAllMiB} vs ${figures.defaultCache.afterQueryingAllMiB} MiB`,
        baseline: `${idleNow} MiB idle`,
        ratio: perCached !== null ? `≈ ${perCached} KiB per cached case` : '',
      },
    ];
    const result = {
      bench: 'footprint',
      ...machine(),
      config: { cases: CASES, holdSeconds: HOLD_SECONDS, smallCache: SMALL_CACHE, stage: 'assigned' },
      creation: { seconds: round(createSeconds, 1), perSecond: round(cases.length / createSeconds, 1) },
      queryAllSeconds: { smallCache: smallQuerySeconds, defaultCache: defaultQuerySeconds },
      queryFailures,
      cpuCores,
      figures,
      kibPerCachedCase: perCached,
      summary,
      targets: footprintTargets(figures),
      samples,
    };
    writeResult(result);
    return result;
  } finally {
    clearInterval(sampler);
    await idle.stop();
    await system.stop();
  }
}

if (require.main === module) {
  runFootprintBench().then(
    (result) => console.log(JSON.stringify({ ...result, samples: '…' }, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
