// The weekly surge (一周一上报): every open case in progress gets its lead unit's weekly report at
// once, through the API (POST /v1/cases/{id}/reports, at most BENCH_SURGE_CONCURRENCY in flight),
// against the same reports sent as bare Workflow Updates to the same workflows (no HTTP, no auth, no
// read-back), and against a bare update of a no-op workflow (Temporal alone), in the same run.
// Run: npm run bench -- surge     BENCH_SURGE_CASES=5000  BENCH_SURGE_CONCURRENCY=50
// BENCH_SURGE_WORKER_CACHE=n sets the worker's sticky cache (DUBAN_MAX_CACHED_WORKFLOWS) and writes
// bench/results/surge-cache-<n>.json instead: a surge with every case cached against the default.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { reportUpdate } from '../shared/contracts/case';
import { cpuMeter } from '../scripts/lib/proc-stats';
import { startLoadSystem, type LoadSystem } from '../scripts/lib/load-system';
import { NOOP_TASK_QUEUE, startNoopWorker } from './support/baseline';
import { createCasesDirect } from './support/direct-cases';
import { external } from './support/external';
import { surgeTargets } from './support/bench-targets';
import { machine, writeResult, type SummaryRow } from './support/results';
import { mapLimit, round, summarize, type LatencySummary } from './support/stats';
import { benchNoopWorkflow, noopUpdate } from './workflows/noop';

const CASES = Number(process.env.BENCH_SURGE_CASES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_SURGE_CONCURRENCY ?? 50);
const CREATE_CONCURRENCY = Number(process.env.BENCH_SURGE_CREATE_CONCURRENCY ?? 50);
const WORKER_CACHE = process.env.BENCH_SURGE_WORKER_CACHE ? Number(process.env.BENCH_SURGE_WORKER_CACHE) : null;
/** Each phase stops sending once this long has passed, so a stuck system cannot hold the bench. */
const PHASE_LIMIT_MS = 30 * 60_000;

interface Phase {
  name: string;
  sent: number;
  ok: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  throughput: number;
  latency: LatencySummary;
  cpuCores: Record<string, number>;
}

async function timedPhase(
  name: string,
  system: LoadSystem,
  noopPid: number,
  items: number,
  call: (index: number) => Promise<string | null>,
): Promise<Phase> {
  const meter = cpuMeter({
    benchProcess: { pid: process.pid, tree: false },
    dubanWorker: { pid: system.worker.current()?.pid ?? null, tree: false },
    noopWorker: { pid: noopPid, tree: false },
    temporal: { pid: system.temporal.pid() },
    postgres: { pid: system.postgres?.pid() ?? null },
  });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  let sent = 0;
  await mapLimit(
    Array.from({ length: items }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      if (performance.now() - started > PHASE_LIMIT_MS) return;
      sent++;
      const t = performance.now();
      const failure = await call(i).catch((error: unknown) => (error instanceof Error ? error.name : 'error'));
      if (failure === null) latencies.push(performance.now() - t);
      else failures[failure] = (failures[failure] ?? 0) + 1;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const phase = {
    name,
    sent,
    ok: latencies.length,
    failed: sent - latencies.length,
    failures,
    seconds: round(seconds, 1),
    throughput: round(latencies.length / seconds, 1),
    latency: summarize(latencies),
    cpuCores: meter.stop(),
  };
  console.log(
    `  ${name.padEnd(34)} ${phase.ok}/${items} in ${phase.seconds} s: ${phase.throughput}/s p50 ${phase.latency.p50} p99 ${phase.latency.p99} ms ${JSON.stringify(failures)} cpu ${JSON.stringify(phase.cpuCores)}`,
  );
  return phase;
}

function postJson(agent: Agent, url: string, token: string, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
        timeout: 60_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Waits (at most 2 minutes) until a process uses less than 5 % of a core over 2 s. */
async function untilIdle(pid: number | null): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const meter = cpuMeter({ process: { pid, tree: false } });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if ((meter.stop().process ?? 0) < 0.05) return;
  }
}

export async function runSurgeBench(): Promise<object> {
  const system = await startLoadSystem({
    ...external,
    name: 'bench/surge',
    api: { rateLimitPerMinute: 1_000_000_000 },
    ...(WORKER_CACHE !== null ? { workerEnv: { DUBAN_MAX_CACHED_WORKFLOWS: String(WORKER_CACHE) } } : {}),
  });
  const cacheNote = ` (worker cache ${/cache=(\d+)/.exec(system.worker.current()?.readyOutput ?? '')?.[1] ?? '?'})`;
  const noopWorker = await startNoopWorker(system.dir, system.temporal.address);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    console.log(`  creating ${CASES} cases in progress (update-with-start, dispatch, accept)…`);
    const createStarted = performance.now();
    let lastLog = 0;
    const cases = await createCasesDirect({
      client: system.client,
      sql: system.sql,
      taskQueue: system.taskQueue,
      count: CASES,
      concurrency: CREATE_CONCURRENCY,
      stage: 'in_progress',
      onProgress: (done) => {
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          console.log(`    ${done} created (${round(done / ((performance.now() - createStarted) / 1000), 1)}/s)`);
        }
      },
    });
    const createSeconds = (performance.now() - createStarted) / 1000;
    const noopIds = await mapLimit(
      Array.from({ length: CASES }, (_, i) => i),
      CREATE_CONCURRENCY,
      async (i) => {
        const handle = await system.client.workflow.start(benchNoopWorkflow, {
          workflowId: `surge-noop-${i}-${Date.now()}`,
          taskQueue: NOOP_TASK_QUEUE,
          args: [{ holdOpenMs: 6 * 3600_000 }],
        });
        return handle.workflowId;
      },
    );
    // The no-op worker runs each new workflow's first task; a phase measured while it still does
    // would lose those cores to it. Wait until it is idle.
    await untilIdle(noopWorker.pid);

    const report = { progress: '本周已完成现场核查，正在协调整改', percentDone: 40 };
    const viaApi = await timedPhase('weekly report via the API', system, noopWorker.pid, cases.length, async (i) => {
      const { caseId, lead } = cases[i]!;
      const status = await postJson(
        agent,
        `${system.api!.url}/v1/cases/${caseId}/reports`,
        system.tokens.units[lead]!,
        report,
      );
      return status === 200 ? null : `HTTP ${status}`;
    });
    const [afterApi] = await system.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM case_reports WHERE kind = 'report'`;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const bare = await timedPhase('bare update, same workflows', system, noopWorker.pid, cases.length, async (i) => {
      const { caseId, lead } = cases[i]!;
      await system.client.workflow
        .getHandle(caseId)
        .executeUpdate(reportUpdate, { args: [{ actor: { id: 'bench', role: 'unit', unitId: lead }, ...report }] });
      return null;
    });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const noop = await timedPhase('bare update, no-op workflows', system, noopWorker.pid, noopIds.length, async (i) => {
      await system.client.workflow.getHandle(noopIds[i]!).executeUpdate(noopUpdate);
      return null;
    });

    const summary: SummaryRow[] = [
      {
        figure: `weekly surge, ${cases.length} cases, ${CONCURRENCY} in flight${cacheNote}: reports/s`,
        value: `${viaApi.throughput}/s (${viaApi.seconds} s)`,
        baseline: `${bare.throughput}/s bare update same workflows; ${noop.throughput}/s no-op update`,
        ratio: `${round(viaApi.throughput / bare.throughput, 2)} / ${round(viaApi.throughput / noop.throughput, 2)}`,
      },
      {
        figure: `weekly surge${cacheNote}: p50 / p99 per report`,
        value: `${viaApi.latency.p50} / ${viaApi.latency.p99} ms`,
        baseline: `${bare.latency.p50} / ${bare.latency.p99} ms bare; ${noop.latency.p50} / ${noop.latency.p99} ms no-op`,
        ratio: `p99 ${round(viaApi.latency.p99 / bare.latency.p99, 2)}× bare`,
      },
      {
        figure: 'creating cases in progress (update-with-start + dispatch + accept)',
        value: `${round(cases.length / createSeconds, 1)} cases/s`,
        baseline: '',
        ratio: '',
      },
    ];
    const result = {
      // Against a cluster (BENCH_TEMPORAL_ADDRESS) the result is kept beside the dev server's.
      bench:
        (WORKER_CACHE === null ? 'surge' : `surge-cache-${WORKER_CACHE}`) +
        (external.temporalAddress ? '-cluster' : ''),
      ...machine(),
      config: {
        cases: CASES,
        concurrency: CONCURRENCY,
        createConcurrency: CREATE_CONCURRENCY,
        workerCache: WORKER_CACHE,
      },
      creation: {
        cases: cases.length,
        seconds: round(createSeconds, 1),
        perSecond: round(cases.length / createSeconds, 1),
      },
      summary,
      targets: surgeTargets([viaApi, bare, noop]),
      phases: [viaApi, bare, noop],
      reportsStoredAfterApiPhase: afterApi!.n,
    };
    writeResult(result);
    return result;
  } finally {
    agent.destroy();
    await noopWorker.stop();
    await system.stop();
  }
}

if (require.main === module) {
  runSurgeBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
