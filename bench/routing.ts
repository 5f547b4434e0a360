// The routing engine's decision (`verdict`: integer index, no explanation, nothing kept between
// calls) against a linear scan over every rule, on one core: 10,000 rules, a locality tree six levels
// deep with 4,009 nodes. The headline is one pass over 250,000 random cases the engine has not
// decided before (a fifth under a category+locality rule), after a warm-up over 100,000 others;
// every timed decision, of either router, is compared with a reference decision for the same case,
// and a mismatch fails the bench.
// Run: npm run bench -- routing
//   BENCH_ROUTING_CASES=250000  BENCH_ROUTING_REPEATED=1000000  BENCH_ROUTING_LINEAR_DECISIONS=6000
//   BENCH_ROUTING_EXPLAINED=100000
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, decide, route, verdict, verdictOf, type CompiledRuleSet } from '../shared/routing';
import type { RoutingInput, RoutingVerdict } from '../shared/routing/types';
import { createLinearScanRouter } from './linear-scan-router';
import { machine } from './support/results';
import { BRANCHING, buildBenchData, randomCases } from './support/routing-data';
import { createCategoryScan } from './support/routing-reference';
import { sameVerdict, timeDecisions, timeOnePass, type Timing } from './support/routing-timing';
import { atLeast, describeTarget, ratioAtLeast } from './support/targets';

const CASES = Number(process.env.BENCH_ROUTING_CASES ?? 250_000);
const WARM_UP_CASES = 100_000;
const REPEATED_DECISIONS = Number(process.env.BENCH_ROUTING_REPEATED ?? 1_000_000);
const LINEAR_DECISIONS = Number(process.env.BENCH_ROUTING_LINEAR_DECISIONS ?? 6_000);
const EXPLAINED_DECISIONS = Number(process.env.BENCH_ROUTING_EXPLAINED ?? 100_000);
const TARGET_RATE = 1_000_000;
const TARGET_RATIO = 100;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The linear scan's decision for each of the 5,000 cases, checked first against the engine's full
 * decision (explanation included, compared as JSON) and against the category scan's.
 */
function expectedDecisions(
  compiled: CompiledRuleSet,
  inputs: RoutingInput[],
  linear: ReturnType<typeof createLinearScanRouter>,
  categoryScan: ReturnType<typeof createCategoryScan>,
) {
  return inputs.map((input) => {
    const matches = linear.candidates(input);
    const engine = JSON.stringify(route(compiled, input));
    const scanned = JSON.stringify(decide(linear.compiled, input, matches));
    if (engine !== scanned) throw new Error(`the routers disagree on ${JSON.stringify(input)}:\n${engine}\n${scanned}`);
    const expected = verdictOf(linear.compiled, input, matches);
    if (!sameVerdict(categoryScan.verdict(input), expected))
      throw new Error(`the category scan disagrees with the linear scan on ${JSON.stringify(input)}`);
    return expected;
  });
}

const rates = (timing: Timing) => ({
  decisionsPerSecond: timing.decisionsPerSecond,
  decisionsPerCpuSecond: timing.decisionsPerCpuSecond,
  decisions: timing.decisions,
  seconds: timing.seconds,
  cpuSeconds: timing.cpuSeconds,
  cpuCores: timing.cpuCores,
});

/** What the timed cases are like: how many distinct, how many meet a category+locality rule. */
function describeCases(inputs: readonly RoutingInput[], expected: readonly RoutingVerdict[]) {
  const distinct = new Set(inputs.map((i) => `${i.category} ${i.locality} ${i.kind}`)).size;
  const withCategoryLocality = expected.filter((d) => d.candidates.some((c) => c.tier.startsWith('category+locality')));
  return {
    cases: inputs.length,
    distinct,
    withCategoryLocalityRule: withCategoryLocality.length,
    decidedByRule: expected.filter((d) => d.decidedBy === 'rule').length,
    averageMatchingRules: round(expected.reduce((sum, d) => sum + d.candidates.length, 0) / expected.length, 2),
  };
}

export async function runRoutingBench(): Promise<object> {
  const { reference, rules, inputs } = buildBenchData();
  const compileStarted = performance.now();
  const compiled = compileRuleSet(rules, reference, 1);
  const compileMs = performance.now() - compileStarted;
  const linear = createLinearScanRouter(rules, reference, 1);
  const categoryScan = createCategoryScan(linear.compiled);
  const expected = expectedDecisions(compiled, inputs, linear, categoryScan);

  // Fresh cases from other seeds: the warm-up's and the timed pass's are different sets.
  const warmUp = randomCases(reference, rules, WARM_UP_CASES, 1);
  const cases = randomCases(reference, rules, CASES, 2);
  const referenceStarted = performance.now();
  const warmUpExpected = warmUp.map((input) => categoryScan.verdict(input));
  const casesExpected = cases.map((input) => categoryScan.verdict(input));
  const referenceSeconds = (performance.now() - referenceStarted) / 1000;

  const engine = timeOnePass(
    (input) => verdict(compiled, input),
    { inputs: warmUp, expected: warmUpExpected },
    cases,
    casesExpected,
  );
  const repeated = timeDecisions((input) => verdict(compiled, input), inputs, expected, REPEATED_DECISIONS);
  const explained = timeDecisions((input) => route(compiled, input), inputs, expected, EXPLAINED_DECISIONS);
  const linearScan = timeDecisions(
    (input) => verdictOf(linear.compiled, input, linear.candidates(input)),
    inputs,
    expected,
    LINEAR_DECISIONS,
    1,
  );

  const ratio = round(engine.decisionsPerSecond / linearScan.decisionsPerSecond, 1);
  // The targets are judged per second of CPU time: "on one core" means a core doing nothing else, and
  // on this shared machine other processes take the core part of the time (`cpuCores` says how much;
  // wall-clock figures are recorded beside).
  const ratioPerCpuSecond = round(engine.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1);
  const targets = [
    atLeast(
      'decisions per CPU-second, distinct cases, 10,000 rules, one core',
      engine.decisionsPerCpuSecond,
      TARGET_RATE,
      {
        baseline: linearScan.decisionsPerCpuSecond,
        ratio: ratioPerCpuSecond,
      },
    ),
    ratioAtLeast(
      'decisions per CPU-second, distinct cases, against the linear scan',
      engine.decisionsPerCpuSecond,
      linearScan.decisionsPerCpuSecond,
      TARGET_RATIO,
    ),
  ];
  const perCpu = (timing: Timing) =>
    `${timing.decisionsPerCpuSecond.toLocaleString('en')} per CPU-s, ${timing.decisionsPerSecond.toLocaleString('en')}/s wall`;
  const result = {
    bench: 'routing',
    ...machine(),
    rules: rules.length,
    localities: reference.localities.length,
    localityDepth: BRANCHING.length,
    categories: reference.categories.length,
    compileMs: round(compileMs, 1),
    timedCases: describeCases(cases, casesExpected),
    warmUpCases: warmUp.length,
    repeatedCases: describeCases(inputs, expected),
    checked:
      'every timed decision, field by field: the timed pass against the category scan (rules of the ' +
      "case's category and of none, scanned and sorted), which agrees with the linear scan on the 5,000 " +
      'repeated cases; those against the linear scan, whose decisions equal `route` there (as JSON)',
    referenceSeconds: round(referenceSeconds, 1),
    engine: rates(engine),
    engineRepeatedCases: rates(repeated),
    engineWithExplanation: rates(explained),
    linearScan: rates(linearScan),
    ratio,
    ratioPerCpuSecond,
    targets,
    summary: [
      {
        figure: `decisions (verdict), ${cases.length.toLocaleString('en')} distinct cases, ${rules.length.toLocaleString('en')} rules, one core`,
        value: perCpu(engine),
        baseline: `${perCpu(linearScan)} linear scan`,
        ratio: `${ratioPerCpuSecond}× (${ratio}× wall)`,
        target: targets.map(describeTarget).join('; '),
      },
      {
        figure: 'decisions (verdict), 5,000 cases repeated; with explanation (route)',
        value: `${perCpu(repeated)}; ${perCpu(explained)}`,
        baseline: `${linearScan.decisionsPerCpuSecond.toLocaleString('en')} per CPU-s linear scan`,
        ratio: `${round(repeated.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1)}×; ${round(explained.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1)}×`,
      },
    ],
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'routing.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  runRoutingBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
