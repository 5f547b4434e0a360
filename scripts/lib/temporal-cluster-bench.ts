// `npm run cluster -- bench [intake] [surge]`: each bench twice in one run, on the same machine with
// the same sizes: first against its own Temporal dev server, then against a fresh cluster from
// temporal-cluster.ts (BENCH_TEMPORAL_ADDRESS). The cluster's result, bench/results/<name>-cluster.json,
// gets the dev server's figures of the same run beside its own, side-by-side rows for the README
// table, and the CPU each cluster service used. The dev-server result file of record
// (bench/results/<name>.json, maybe measured at other sizes) is left as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateReadmeTable, type SummaryRow } from '../../bench/support/results';
import { cpuMeter } from './proc-stats';
import { projectRoot } from './processes';
import { startCluster } from './temporal-cluster';
import { TEMPORAL_SERVER_VERSION, sharedServerEnvironment } from './temporal-cluster-config';

const results = join(projectRoot, 'bench', 'results');
const SIDE_BY_SIDE = ['intake', 'surge'] as const;
type Name = (typeof SIDE_BY_SIDE)[number];

interface Latency {
  p50: number;
  p99: number;
}
interface IntakeResult {
  comparisons: Array<{ rate: number; generator: string; intake: Latency & { throughput: number } }>;
}
interface SurgeResult {
  phases: Array<{ name: string; throughput: number; latency: Latency }>;
}

function runBench(name: Name, env: Record<string, string>): void {
  const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, ['bench/run.ts', name], { cwd: projectRoot, stdio: 'inherit', env });
  if (run.status !== 0) throw new Error(`bench ${name} failed (${env.BENCH_TEMPORAL_ADDRESS ?? 'dev server'})`);
}

const read = (file: string) => JSON.parse(readFileSync(join(results, file), 'utf8')) as Record<string, unknown>;
const ratio = (a: number, b: number) => (b ? `${Math.round((a / b) * 100) / 100}×` : '');

function sideBySideRows(name: Name, cluster: Record<string, unknown>, dev: Record<string, unknown>): SummaryRow[] {
  if (name === 'intake') {
    const devRuns = (dev as unknown as IntakeResult).comparisons;
    return (cluster as unknown as IntakeResult).comparisons.flatMap((c) => {
      const d = devRuns.find((r) => r.rate === c.rate && r.generator === c.generator);
      if (!d) return [];
      return [
        {
          figure: `intake at ${c.rate}/s (${c.generator}), cluster vs dev server: throughput, p50 / p99`,
          value: `${c.intake.throughput}/s, ${c.intake.p50} / ${c.intake.p99} ms`,
          baseline: `${d.intake.throughput}/s, ${d.intake.p50} / ${d.intake.p99} ms dev server`,
          ratio: `p99 ${ratio(c.intake.p99, d.intake.p99)}`,
        },
      ];
    });
  }
  const devPhases = (dev as unknown as SurgeResult).phases;
  return (cluster as unknown as SurgeResult).phases.flatMap((c) => {
    const d = devPhases.find((p) => p.name === c.name);
    if (!d) return [];
    return [
      {
        figure: `surge ${c.name}, cluster vs dev server: per s, p50 / p99`,
        value: `${c.throughput}/s, ${c.latency.p50} / ${c.latency.p99} ms`,
        baseline: `${d.throughput}/s, ${d.latency.p50} / ${d.latency.p99} ms dev server`,
        ratio: `throughput ${ratio(c.throughput, d.throughput)}`,
      },
    ];
  });
}

async function sideBySide(name: Name): Promise<void> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[0] !== 'BENCH_TEMPORAL_ADDRESS',
    ),
  );
  const ofRecord = join(results, `${name}.json`);
  const kept = existsSync(ofRecord) ? readFileSync(ofRecord, 'utf8') : null;
  console.log(`\n▶ ${name} against the Temporal dev server`);
  runBench(name, env);
  const dev = read(`${name}.json`);
  if (kept !== null) writeFileSync(ofRecord, kept);

  console.log(`\n▶ ${name} against a Temporal ${TEMPORAL_SERVER_VERSION} cluster`);
  const cluster = await startCluster({
    name: `bench/${name}-cluster`,
    log: (line) => console.log(`  cluster: ${line}`),
  });
  let cpuCores: Record<string, number> = {};
  try {
    const meter = cpuMeter({
      ...Object.fromEntries(Object.values(cluster.services).map((s) => [s.name, { pid: s.pid(), tree: false }])),
      temporalPostgres: { pid: cluster.postgres.pid() },
    });
    runBench(name, { ...env, BENCH_TEMPORAL_ADDRESS: cluster.address });
    cpuCores = meter.stop();
  } finally {
    await cluster.stop();
  }
  const result = read(`${name}-cluster.json`);
  const summary = [...((result.summary as SummaryRow[] | undefined) ?? []), ...sideBySideRows(name, result, dev)];
  writeFileSync(
    join(results, `${name}-cluster.json`),
    `${JSON.stringify(
      {
        ...result,
        summary,
        cluster: {
          version: TEMPORAL_SERVER_VERSION,
          services: 'history, matching, frontend, worker: one process each, loopback',
          shards: Number(sharedServerEnvironment.NUM_HISTORY_SHARDS),
          persistence: 'PostgreSQL 15 (temporary, fsync off), persistence and SQL visibility',
          cpuCoresDuringBench: cpuCores,
        },
        devServerSameRun: {
          at: dev.at,
          config: dev.config,
          summary: dev.summary,
          targets: dev.targets ?? null,
          ...(name === 'intake' ? { comparisons: dev.comparisons } : { phases: dev.phases, creation: dev.creation }),
        },
      },
      null,
      2,
    )}\n`,
  );
}

export async function benchAgainstCluster(names: string[]): Promise<void> {
  const wanted = names.length > 0 ? names : [...SIDE_BY_SIDE];
  const unknown = wanted.filter((n) => !(SIDE_BY_SIDE as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`side by side runs only ${SIDE_BY_SIDE.join(', ')}, not ${unknown.join(', ')}`);
  for (const name of wanted) await sideBySide(name as Name);
  updateReadmeTable();
}
