// npm run bench [-- <name>…]: runs every bench, or the ones named, one after another (each starts and
// stops its own servers), writes bench/results/<name>.json and rebuilds the table in bench/README.md.
// Sizes and durations are environment variables, listed at the top of each bench and in bench/README.md.
import { availableParallelism } from 'node:os';
import { runConsoleBench } from './console';
import { runFootprintBench } from './footprint';
import { runIntakeBench } from './intake';
import { runLedgerBench } from './ledger';
import { runRoutingBench } from './routing';
import { runStatisticsBench } from './statistics';
import { markBenchStart, updateReadmeTable, type SummaryRow } from './support/results';
import { runSurgeBench } from './surge';
import { runWhatIfBench } from './what-if';

const benches: Record<string, () => Promise<object>> = {
  routing: runRoutingBench,
  intake: runIntakeBench,
  ledger: runLedgerBench,
  surge: runSurgeBench,
  footprint: runFootprintBench,
  statistics: runStatisticsBench,
  console: runConsoleBench,
  'what-if': runWhatIfBench,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : Object.keys(benches);
  console.log(`${availableParallelism()} cores; other processes on this machine make every figure noisy`);
  let failed = 0;
  for (const name of names) {
    console.log(`\n▶ ${name}`);
    const started = Date.now();
    markBenchStart();
    try {
      const result = (await benches[name]!()) as { summary?: SummaryRow[] };
      for (const row of result.summary ?? []) {
        console.log(`  ${row.figure}: ${row.value} (baseline ${row.baseline}) ${row.ratio} ${row.target ?? ''}`);
      }
      console.log(`✔ ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (error) {
      failed++;
      console.error(`✘ ${name}:`, error);
    }
  }
  updateReadmeTable();
  process.exit(failed === 0 ? 0 : 1);
}

void main();
