// Writes the `targets` array of every result file from the figures it records (no bench is re-run):
// for files measured before the benches wrote targets, and after a target's bound changes in
// bench-targets.ts. npx tsx bench/support/backfill-targets.ts
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { footprintTargets, intakeTargets, ledgerTargets, surgeTargets } from './bench-targets';
import { resultsDir } from './results';
import type { TargetEntry } from './targets';

/** What each bench recorded that its targets are computed from. */
interface RecordedResult {
  bench: string;
  comparisons: Parameters<typeof intakeTargets>[0];
  queries: Parameters<typeof ledgerTargets>[0];
  phases: Parameters<typeof surgeTargets>[0];
  figures: Parameters<typeof footprintTargets>[0];
  [key: string]: unknown;
}

const byBench: Record<string, (result: RecordedResult) => TargetEntry[]> = {
  intake: (r) => intakeTargets(r.comparisons),
  ledger: (r) => ledgerTargets(r.queries),
  surge: (r) => surgeTargets(r.phases),
  footprint: (r) => footprintTargets(r.figures),
};

for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
  const path = join(resultsDir, file);
  const result = JSON.parse(readFileSync(path, 'utf8')) as RecordedResult;
  const kind = Object.keys(byBench).find((name) => String(result.bench).startsWith(name));
  if (!kind) continue;
  const targets = byBench[kind]!(result);
  const entries = Object.entries({ ...result });
  const existing = entries.findIndex(([key]) => key === 'targets');
  if (existing >= 0) entries[existing] = ['targets', targets];
  else {
    // `targets` goes after `summary` (or last), where the benches write it.
    const at = entries.findIndex(([key]) => key === 'summary');
    entries.splice(at < 0 ? entries.length : at + 1, 0, ['targets', targets]);
  }
  writeFileSync(path, `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`);
  console.log(`${file}: ${JSON.stringify(Object.fromEntries(entries).targets)}`);
}
