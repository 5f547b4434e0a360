// The routing engine's decision (`verdict`: integer index, interned results, no explanation) against a
// linear scan over every rule, on one core: 10,000 rules, a locality tree six levels deep with 4,009
// nodes, 5,000 cases. Every decision measured, of either router, is compared with the linear scan's
// for the same case, and a mismatch fails the bench. Run: npm run bench -- routing
//   BENCH_ROUTING_DECISIONS=3000000  BENCH_ROUTING_LINEAR_DECISIONS=6000  BENCH_ROUTING_EXPLAINED=200000
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, decide, route, verdict, verdictOf, type CompiledRuleSet } from '../shared/routing';
import type { RoutingInput, RoutingVerdict } from '../shared/routing/types';
import { createLinearScanRouter } from './linear-scan-router';
import { machine } from './support/results';
import { BRANCHING, buildBenchData } from './support/routing-data';
import { sameVerdict, timeDecisions, type Timing } from './support/routing-timing';
import { atLeast, describeTarget, ratioAtLeast } from './support/targets';

const DECISIONS = Number(process.env.BENCH_ROUTING_DECISIONS ?? 3_000_000);
const LINEAR_DECISIONS = Number(process.env.BENCH_ROUTING_LINEAR_DECISIONS ?? 6_000);
const EXPLAINED_DECISIONS = Number(process.env.BENCH_ROUTING_EXPLAINED ?? 200_000);
const TARGET_RATE = 1_000_000;
const TARGET_RATIO = 100;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The linear scan's decision for every case, checked first against the engine's full decision
 * (explanation included, compared as JSON): what every timed decision is compared with.
 */
function expectedDecisions(
  compiled: CompiledRuleSet,
  inputs: RoutingInput[],
  linear: ReturnType<typeof createLinearScanRouter>,
) {
  return inputs.map((input) => {
    const matches = linear.candidates(input);
    const engine = JSON.stringify(route(compiled, input));
    const scanned = JSON.stringify(decide(linear.compiled, input, matches));
    if (engine !== scanned) throw new Error(`the routers disagree on ${JSON.stringify(input)}:\n${engine}\n${scanned}`);
    return verdictOf(linear.compiled, input, matches);
  });
}

const isDeeplyFrozen = (decided: RoutingVerdict) =>
  Object.isFrozen(decided) &&
  Object.isFrozen(decided.coHandlers) &&
  Object.isFrozen(decided.candidates) &&
  decided.candidates.every((candidate) => Object.isFrozen(candidate));

const rates = (timing: Timing) => ({
  decisionsPerSecond: timing.decisionsPerSecond,
  decisionsPerCpuSecond: timing.decisionsPerCpuSecond,
  decisions: timing.decisions,
  seconds: timing.seconds,
  cpuSeconds: timing.cpuSeconds,
  cpuCores: timing.cpuCores,
});

export async function runRoutingBench(): Promise<object> {
  const { reference, rules, inputs } = buildBenchData();
  const compileStarted = performance.now();
  const compiled = compileRuleSet(rules, reference, 1);
  const compileMs = performance.now() - compileStarted;
  const linear = createLinearScanRouter(rules, reference, 1);

  const expected = expectedDecisions(compiled, inputs, linear);
  // The engine's verdicts are interned and frozen: each is compared field by field with the linear
  // scan's once, here, and then every timed decision must be that very object for its case.
  const interned = inputs.map((input, index) => {
    const decided = verdict(compiled, input);
    if (!sameVerdict(decided, expected[index]!) || !isDeeplyFrozen(decided))
      throw new Error(`the verdict for ${JSON.stringify(input)} is not the linear scan's, or not frozen`);
    return decided;
  });
  const engine = timeDecisions((input) => verdict(compiled, input), inputs, interned, 'identity', DECISIONS);
  // First sight: a freshly published set settles each new list of matching rules once.
  const fresh = compileRuleSet(rules, reference, 1);
  const firstPass = timeDecisions((input) => verdict(fresh, input), inputs, expected, 'fields', inputs.length, 0);
  const explained = timeDecisions((input) => route(compiled, input), inputs, expected, 'fields', EXPLAINED_DECISIONS);
  const linearScan = timeDecisions(
    (input) => verdictOf(linear.compiled, input, linear.candidates(input)),
    inputs,
    expected,
    'fields',
    LINEAR_DECISIONS,
    1,
  );

  const decided: RoutingVerdict[] = inputs.map((input) => verdict(compiled, input));
  const ratio = round(engine.decisionsPerSecond / linearScan.decisionsPerSecond, 1);
  // The targets are judged per second of CPU time: "on one core" means a core doing nothing else, and
  // on this shared machine other processes take the core part of the time (`cpuCores` says how much;
  // wall-clock figures are recorded beside).
  const ratioPerCpuSecond = round(engine.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1);
  const targets = [
    atLeast('decisions per CPU-second, 10,000 rules, one core', engine.decisionsPerCpuSecond, TARGET_RATE, {
      baseline: linearScan.decisionsPerCpuSecond,
      ratio: ratioPerCpuSecond,
    }),
    ratioAtLeast(
      'decisions per CPU-second against the linear scan',
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
    inputs: inputs.length,
    inputsDecidedByRule: decided.filter((d) => d.decidedBy === 'rule').length,
    averageMatchingRules: round(decided.reduce((sum, d) => sum + d.candidates.length, 0) / decided.length, 2),
    verifiedWithExplanation: inputs.length,
    checkedAgainstLinearScan:
      'every timed decision: field by field, or for the interned verdicts by identity with the one checked so',
    compileMs: round(compileMs, 1),
    engine: rates(engine),
    engineFirstPass: rates(firstPass),
    engineWithExplanation: rates(explained),
    linearScan: rates(linearScan),
    ratio,
    ratioPerCpuSecond,
    targets,
    summary: [
      {
        figure: `decisions (verdict), ${rules.length.toLocaleString('en')} rules, one core`,
        value: perCpu(engine),
        baseline: `${perCpu(linearScan)} linear scan`,
        ratio: `${ratioPerCpuSecond}× (${ratio}× wall)`,
        target: targets.map(describeTarget).join('; '),
      },
      {
        figure: 'decisions with explanation (route); first sight of each case',
        value: `${explained.decisionsPerCpuSecond.toLocaleString('en')}; ${firstPass.decisionsPerCpuSecond.toLocaleString('en')} per CPU-s`,
        baseline: `${linearScan.decisionsPerCpuSecond.toLocaleString('en')} per CPU-s linear scan`,
        ratio: `${round(explained.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1)}×; ${round(firstPass.decisionsPerCpuSecond / linearScan.decisionsPerCpuSecond, 1)}×`,
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
