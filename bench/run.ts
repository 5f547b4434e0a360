// `npm run bench [-- name…]`: runs the named benchmarks (all when none is named), one after the
// other so they do not compete for the two cores; each writes bench/results/<name>.json.
import { runIntakeBench } from './intake';
import { runLedgerBench } from './ledger';
import { runRoutingBench } from './routing';

const BENCHES: Record<string, () => Promise<object>> = {
  routing: runRoutingBench,
  intake: runIntakeBench,
  ledger: runLedgerBench,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    console.log(`\n▶ bench ${name}`);
    await BENCHES[name]!();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
