// The ledger (整改台账) at a city's scale: 1,000,000 cases in PostgreSQL, the common listLedger and
// countLedger calls timed (p50/p95) with the plan PostgreSQL chose, and the streamed .xlsx export of
// 100,000 rows timed with its peak memory, against COPY TO of the same rows (and the same SELECT
// through the same cursor, rows dropped) in the same run. Run: npm run bench -- ledger
//   BENCH_LEDGER_CASES=1000000  BENCH_LEDGER_EXPORT_ROWS=100000  BENCH_LEDGER_RUNS=30
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { countLedger, listLedger } from '../shared/db/ledger';
import type { LedgerFilter } from '../shared/db/ledger-filter';
import { encodeCursor } from '../shared/db/pagination';
import { type Sql } from '../shared/db/sql';
import type { Viewer } from '../shared/domain/access';
import { projectRoot } from '../scripts/lib/processes';
import { generateLedger } from './ledger-data';
import { ledgerTargets } from './support/bench-targets';
import { machine, writeResult, type SummaryRow } from './support/results';
import { round, summarize } from './support/stats';
import { CITY_POSTGRES_SETTINGS, startCityDatabase } from './support/city-postgres';

const CASES = Number(process.env.BENCH_LEDGER_CASES ?? 1_000_000);
const EXPORT_ROWS = Number(process.env.BENCH_LEDGER_EXPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_LEDGER_RUNS ?? 30);
const SECONDS_PER_QUERY = 45;

const office: Viewer = { tokenId: '00000000-0000-0000-0000-000000000001', role: 'office', unitId: null };
const unit = (unitId: string): Viewer => ({ tokenId: '00000000-0000-0000-0000-000000000002', role: 'unit', unitId });

interface Captured {
  query: string;
  params: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** "Limit › Index Scan cases_reported_idx" — the nodes that read, in order, without repeats. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  const walk = (n: PlanNode) => {
    const name = `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : n['Relation Name'] ? ` ${n['Relation Name']}` : ''}`;
    if (!parts.includes(name)) parts.push(name);
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return parts.join(' › ');
}

export async function runLedgerBench(): Promise<object> {
  const city = await startCityDatabase('ledger');
  const { dir, sql } = city;
  // A second pool that records each query's text and parameters, to EXPLAIN exactly what ran.
  let captured: Captured[] = [];
  const capturing = postgres(city.url, {
    max: 1,
    onnotice: () => undefined,
    connection: { application_name: 'duban-bench', plan_cache_mode: 'force_custom_plan' },
    debug: (_connection, query, params) => captured.push({ query, params: params as unknown[] }),
  }) as unknown as Sql;
  try {
    const data = await generateLedger(sql, CASES, (line) => console.log(line));
    console.log(
      `  generated in ${JSON.stringify(data.seconds)} s; table ${data.tableSizeMiB} MiB, indexes ${data.indexSizeMiB} MiB`,
    );

    const [deep] = await sql<{ at: string; id: string }[]>`
      SELECT to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id
      FROM cases ORDER BY reported_at DESC, id DESC OFFSET ${Math.floor(CASES / 2) - 1} LIMIT 1`;
    const village = data.villages.find((v) => v.startsWith('qishe-')) ?? data.villages[0]!;
    const deepCursor = encodeCursor([deep!.at, deep!.id]);

    type Call = { name: string; run: (db: Sql) => Promise<unknown> };
    const list = (name: string, viewer: Viewer, filter: LedgerFilter, cursor?: string): Call => ({
      name,
      run: (db) => listLedger(db, viewer, filter, { limit: 50, ...(cursor ? { cursor } : {}) }),
    });
    const count = (name: string, viewer: Viewer, filter: LedgerFilter): Call => ({
      name,
      run: (db) => countLedger(db, viewer, filter),
    });
    const calls: Call[] = [
      list('list: office, no filter, first page', office, {}),
      list('list: status=in_progress (20%)', office, { status: ['in_progress'] }),
      list('list: status=triage (5%)', office, { status: ['triage'] }),
      list('list: unit=city-management (office)', office, { unit: 'city-management' }),
      list('list: unit scope (city-management token)', unit('city-management'), {}),
      list('list: locality=qishe (town subtree)', office, { locality: 'qishe' }),
      list(`list: locality=${village} (village subtree)`, office, { locality: village }),
      list('list: q=路灯不亮 (4 chars, ~7%)', office, { q: '路灯不亮' }),
      list('list: q=噪音 (2 chars, ~7%)', office, { q: '噪音' }),
      list('list: q=化粪池 (3 chars, 0.05%)', office, { q: '化粪池' }),
      list('list: q=自来水 (absent)', office, { q: '自来水' }),
      list('list: deep keyset page (row 500,000)', office, {}, deepCursor),
      list('list: overdue=true', office, { overdue: true }),
      count('count: office, no filter', office, {}),
      count('count: status=in_progress', office, { status: ['in_progress'] }),
      count('count: locality=qishe', office, { locality: 'qishe' }),
      count('count: unit scope (city-management token)', unit('city-management'), {}),
    ];

    const queries: Array<{
      name: string;
      runs: number;
      p50: number;
      p95: number;
      max: number;
      plans: Array<{ plan: string; executionMs: number }>;
    }> = [];
    for (const call of calls) {
      await call.run(sql);
      await call.run(sql);
      const times: number[] = [];
      const deadline = Date.now() + SECONDS_PER_QUERY * 1000;
      while (times.length < RUNS && Date.now() < deadline) {
        const started = performance.now();
        await call.run(sql);
        times.push(performance.now() - started);
      }
      captured = [];
      await call.run(capturing);
      const plans = [];
      for (const { query, params } of captured.filter((c) => /FROM cases c/.test(c.query))) {
        const [row] = await capturing.unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, params as never[]);
        const [explained] = (row as unknown as { 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> })[
          'QUERY PLAN'
        ];
        plans.push({ plan: describePlan(explained!.Plan), executionMs: round(explained!['Execution Time'], 2) });
      }
      const latency = summarize(times);
      queries.push({
        name: call.name,
        runs: times.length,
        p50: latency.p50,
        p95: latency.p95,
        max: latency.max,
        plans,
      });
      console.log(
        `  ${call.name.padEnd(48)} p50 ${latency.p50} ms p95 ${latency.p95} ms  ${plans.map((p) => p.plan).join(' | ')}`,
      );
    }

    // 100,000 rows: the newest ones, as a date filter (reportedFrom) selects them.
    const [bound] = await sql<{ at: Date }[]>`
      SELECT reported_at AS at FROM cases ORDER BY reported_at DESC, id DESC OFFSET ${EXPORT_ROWS - 1} LIMIT 1`;
    const exports: Record<string, Record<string, number | string>> = {};
    for (const mode of ['copy', 'select', 'csv', 'xlsx']) {
      const out = join(dir, `export.${mode === 'xlsx' ? 'xlsx' : mode === 'csv' ? 'csv' : 'txt'}`);
      exports[mode] = await exportInChild(city.url, mode, bound!.at.toISOString(), out);
      rmSync(out, { force: true });
      console.log(`  export ${mode.padEnd(6)} ${JSON.stringify(exports[mode])}`);
    }
    const xlsx = exports.xlsx!;
    const copy = exports.copy!;
    const select = exports.select!;

    const byName = (name: string) => queries.find((q) => q.name === name)!;
    const worst = [...queries].filter((q) => q.name.startsWith('list')).sort((a, b) => b.p95 - a.p95)[0]!;
    const summary: SummaryRow[] = [
      {
        figure: `list, first page, ${CASES.toLocaleString('en')} cases: p50 / p95`,
        value: `${byName('list: office, no filter, first page').p50} / ${byName('list: office, no filter, first page').p95} ms`,
        baseline: `${byName('list: office, no filter, first page').plans[0]?.executionMs ?? '?'} ms in PostgreSQL (EXPLAIN ANALYZE)`,
        ratio: '',
      },
      {
        figure: `slowest list query: ${worst.name.replace('list: ', '')}`,
        value: `${worst.p50} / ${worst.p95} ms`,
        baseline: worst.plans.map((p) => `${p.executionMs} ms: ${p.plan}`).join('; '),
        ratio: '',
      },
      {
        figure: 'countLedger, office, no filter: p50 / p95',
        value: `${byName('count: office, no filter').p50} / ${byName('count: office, no filter').p95} ms`,
        baseline: byName('count: office, no filter')
          .plans.map((p) => `${p.executionMs} ms`)
          .join(' + '),
        ratio: '',
      },
      {
        figure: `.xlsx export, ${Number(xlsx.rows).toLocaleString('en')} rows: time`,
        value: `${round(Number(xlsx.ms) / 1000, 1)} s`,
        baseline: `${round(Number(copy.ms) / 1000, 1)} s COPY TO; ${round(Number(select.ms) / 1000, 1)} s same SELECT via cursor`,
        ratio: `${round(Number(xlsx.ms) / Number(copy.ms), 1)}× COPY`,
      },
      {
        figure: '.xlsx export: peak RSS of the exporting process',
        value: `${xlsx.maxRssMiB} MiB`,
        baseline: `${copy.maxRssMiB} MiB (COPY), ${select.maxRssMiB} MiB (SELECT)`,
        ratio: `${round(Number(xlsx.maxRssMiB) / Number(copy.maxRssMiB), 1)}×`,
      },
    ];
    const result = {
      bench: 'ledger',
      ...machine(),
      postgres: { version: 15, settings: CITY_POSTGRES_SETTINGS },
      data,
      summary,
      targets: ledgerTargets(queries),
      queries,
      exports,
      note: 'times measured from the client (postgres.js, loopback); executionMs from one EXPLAIN ANALYZE of the exact query',
    };
    writeResult(result);
    return result;
  } finally {
    await capturing.end({ timeout: 5 });
    await city.close();
  }
}

function exportInChild(url: string, mode: string, from: string, out: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'ledger-export-child.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: url,
        BENCH_EXPORT_MODE: mode,
        BENCH_EXPORT_FROM: from,
        BENCH_EXPORT_OUT: out,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`export ${mode} exited with ${code}: ${output}`));
      else resolve(JSON.parse(line) as Record<string, number | string>);
    });
  });
}

if (require.main === module) {
  runLedgerBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
