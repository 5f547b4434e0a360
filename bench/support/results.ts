// Where bench results go: bench/results/<name>.json, and the summary table in bench/README.md,
// rebuilt from every result file present after each run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export const resultsDir = join(__dirname, '..', 'results');
const readme = join(__dirname, '..', 'README.md');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/** One line of the README table: a figure of duban, its baseline measured in the same run, and their ratio. */
export interface SummaryRow {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  /** The target, and whether it holds, when the issue sets one. */
  target?: string;
}

export interface BenchResult {
  bench: string;
  at: string;
  node: string;
  cores: number;
  summary?: SummaryRow[];
  [key: string]: unknown;
}

let loadAtStart: number[] | null = null;
const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);

/** Called by the runner as each bench begins, so the result says what load it started under. */
export function markBenchStart(): void {
  loadAtStart = loadAverage();
}

/** What every result records about the machine: cores, memory, and the load others put on it. */
export function machine() {
  return {
    at: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    loadAverageAtStart: loadAtStart ?? loadAverage(),
    // Includes the bench's own load; the per-process `cpuCores` of a phase say who used what.
    loadAverageAtEnd: loadAverage(),
  };
}

export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.bench}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  updateReadmeTable();
  return file;
}

function routingSummary(result: Record<string, unknown>): SummaryRow[] {
  const engine = result.engine as { decisionsPerSecond: number };
  const linear = result.linearScan as { decisionsPerSecond: number };
  return [
    {
      figure: `routing decisions/s, ${String(result.rules)} rules, ${String(result.localities)} localities`,
      value: engine.decisionsPerSecond.toLocaleString('en'),
      baseline: `${linear.decisionsPerSecond.toLocaleString('en')} (linear scan)`,
      ratio: `${String(result.ratio)}×`,
    },
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function updateReadmeTable(): void {
  if (!existsSync(readme) || !existsSync(resultsDir)) return;
  const rows: string[] = [];
  for (const file of readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as BenchResult;
    const summary = result.summary ?? (result.bench === 'routing' ? routingSummary(result) : []);
    for (const row of summary) {
      rows.push(
        `| ${result.bench} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(
          row.target ?? '',
        )} | ${result.at.slice(0, 10)}, ${result.cores} cores |`,
      );
    }
  }
  const table = [
    '| bench | figure | duban | baseline (same run) | ratio | target | run |',
    '| ----- | ------ | ----- | ------------------- | ----- | ------ | --- |',
    ...rows,
  ].join('\n');
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) return;
  writeFileSync(readme, `${text.slice(0, from + START.length)}\n\n${table}\n\n${text.slice(to)}`);
  // Aligned as the repository's Prettier check wants it, so a bench run leaves the tree lint-clean.
  spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', readme], { stdio: 'ignore' });
}
