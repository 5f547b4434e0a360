// The `targets` of the intake, ledger, surge and footprint results, computed from figures each result
// file records, so the benches and `backfill-targets.ts` (for results measured before) agree.
// bench/README.md states targets for intake (throughput ≥ 0.9 of the bare start's at every rate, p99
// ≤ bare p99 + 10 ms at 25/s and 50/s, not at 100/s) and routing. For the ledger, the surge and the
// footprint it states what was found rather than a bound; the bounds below turn those findings into
// checks, each next to its sentence.
import { atMost, ratioAtLeast, withinMarginOf, type TargetEntry } from './targets';

export const INTAKE_THROUGHPUT_RATIO = 0.9;
export const INTAKE_P99_MARGIN_MS = 10;
/** The rates the p99 target applies at: at 100/s only the throughput target does. */
export const INTAKE_P99_RATES: readonly number[] = [25, 50];
/** README, ledger: "First pages are index scans on `cases_reported_idx` (1–3 ms p50, ≤ 14 ms p95)". */
export const LEDGER_FIRST_PAGE_P50_MS = 3;
export const LEDGER_FIRST_PAGE_P95_MS = 14;
/** README, surge: the API's authentication, scope, validation and read-back "cost nothing visible". */
export const SURGE_API_RATIO = 0.8;
/** README, footprint: "no growth" while the worker holds its open cases (settled slope, both holds). */
export const FOOTPRINT_GROWTH_MIB_PER_MIN = 1;

interface Throughput {
  throughput: number;
  p99: number;
}

export function intakeTargets(
  comparisons: readonly { rate: number; generator: string; intake: Throughput; bareStart: Throughput }[],
): TargetEntry[] {
  return comparisons.flatMap(({ rate, generator, intake, bareStart }) => [
    ratioAtLeast(
      `intake at ${rate}/s (${generator}): throughput /s against the bare start`,
      intake.throughput,
      bareStart.throughput,
      INTAKE_THROUGHPUT_RATIO,
    ),
    ...(INTAKE_P99_RATES.includes(rate)
      ? [withinMarginOf(`intake at ${rate}/s (${generator}): p99 ms`, intake.p99, bareStart.p99, INTAKE_P99_MARGIN_MS)]
      : []),
  ]);
}

interface LedgerQuery {
  name: string;
  p50: number;
  p95: number;
  plans: readonly { executionMs: number }[];
}

export function ledgerTargets(queries: readonly LedgerQuery[]): TargetEntry[] {
  const firstPage = queries.find((q) => q.name === 'list: office, no filter, first page');
  if (!firstPage) return [];
  const inPostgres = { baseline: firstPage.plans[0]?.executionMs ?? null };
  return [
    atMost('list, office, no filter, first page: p50 ms', firstPage.p50, LEDGER_FIRST_PAGE_P50_MS, inPostgres),
    atMost('list, office, no filter, first page: p95 ms', firstPage.p95, LEDGER_FIRST_PAGE_P95_MS, inPostgres),
  ];
}

interface SurgePhase {
  name: string;
  throughput: number;
}

export function surgeTargets(phases: readonly SurgePhase[]): TargetEntry[] {
  const [viaApi, bare] = [phases[0], phases.find((p) => p.name.startsWith('bare update, same'))];
  if (!viaApi || !bare) return [];
  return [
    ratioAtLeast(
      'weekly reports/s through the API against bare updates of the same workflows',
      viaApi.throughput,
      bare.throughput,
      SURGE_API_RATIO,
    ),
  ];
}

interface FootprintFigures {
  holdSettledSlopeMiBPerMinute: number | null;
  holdAgain: { settledSlopeMiBPerMinute: number | null };
}

export function footprintTargets(figures: FootprintFigures): TargetEntry[] {
  const holds = [
    ['worker RSS growth holding the open cases, MiB/min', figures.holdSettledSlopeMiBPerMinute],
    [
      'worker RSS growth holding them again with the default cache full, MiB/min',
      figures.holdAgain.settledSlopeMiBPerMinute,
    ],
  ] as const;
  return holds.flatMap(([name, slope]) => (slope === null ? [] : [atMost(name, slope, FOOTPRINT_GROWTH_MIB_PER_MIN)]));
}
