// Timing a router on this thread: over the bench's cases repeated, or one pass over distinct cases;
// every decision checked against the reference decision for the same case (a mismatch throws, failing
// the bench), with the CPU time it took, so the figure is known to come from one core.
import { performance } from 'node:perf_hooks';
import type { RoutingInput, RoutingVerdict } from '../../shared/routing/types';

export interface Timing {
  decisions: number;
  seconds: number;
  decisionsPerSecond: number;
  /** This process's CPU time while timing (the bench thread, and any garbage collector threads). */
  cpuSeconds: number;
  /** Decisions per second of the process's CPU time: the rate of one core that did nothing else. */
  decisionsPerCpuSecond: number;
  /** CPU time over wall time: below 1 when other processes had the core part of the time. */
  cpuCores: number;
}

/** Decisions timed between two checks: few enough that they die young, as they would in use. */
const CHUNK = 1_000;

/**
 * `decideOne` is timed over `inputs` in order, again and again, until `decisions` were made, after
 * `warmUpRounds` untimed passes. Every decision is compared field by field with `expected[index of
 * its input]`, and one that differs fails the bench; the comparisons run between timed chunks of
 * decisions, so the figure is the decisions' alone.
 */
export function timeDecisions(
  decideOne: (input: RoutingInput) => RoutingVerdict,
  inputs: readonly RoutingInput[],
  expected: readonly RoutingVerdict[],
  decisions: number,
  warmUpRounds = 2,
): Timing {
  for (let round = 0; round < warmUpRounds; round++) timeInChunks(decideOne, inputs, expected, inputs.length);
  return timeInChunks(decideOne, inputs, expected, decisions);
}

/**
 * One timed pass over `inputs`, each decided once, after one untimed pass over `warmUp` (checked like
 * it): other cases, so that it warms the compiler, not any cache of decisions.
 */
export function timeOnePass(
  decideOne: (input: RoutingInput) => RoutingVerdict,
  warmUp: { inputs: readonly RoutingInput[]; expected: readonly RoutingVerdict[] },
  inputs: readonly RoutingInput[],
  expected: readonly RoutingVerdict[],
): Timing {
  timeInChunks(decideOne, warmUp.inputs, warmUp.expected, warmUp.inputs.length);
  return timeInChunks(decideOne, inputs, expected, inputs.length);
}

function timeInChunks(
  decideOne: (input: RoutingInput) => RoutingVerdict,
  inputs: readonly RoutingInput[],
  expected: readonly RoutingVerdict[],
  decisions: number,
): Timing {
  const decided = new Array<RoutingVerdict>(CHUNK);
  let [milliseconds, cpuMicroseconds] = [0, 0];
  for (let done = 0; done < decisions; done += CHUNK) {
    const count = Math.min(CHUNK, decisions - done);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < count; i++) decided[i] = decideOne(inputs[(done + i) % inputs.length]!);
    milliseconds += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicroseconds += cpu.user + cpu.system;
    for (let i = 0; i < count; i++) {
      const at = (done + i) % inputs.length;
      if (!sameVerdict(decided[i]!, expected[at]!))
        throw new Error(`wrong decision for ${JSON.stringify(inputs[at])}: ${JSON.stringify(decided[i])}`);
    }
  }
  const [seconds, cpuSeconds] = [milliseconds / 1000, cpuMicroseconds / 1e6];
  return {
    decisions,
    seconds: Math.round(seconds * 1000) / 1000,
    decisionsPerSecond: Math.round(decisions / seconds),
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    decisionsPerCpuSecond: Math.round(decisions / cpuSeconds),
    cpuCores: Math.round((cpuSeconds / seconds) * 100) / 100,
  };
}

/** Every field of the decision but the explanation (compared as JSON before timing). */
export function sameVerdict(a: RoutingVerdict, b: RoutingVerdict): boolean {
  if (a.lead !== b.lead || a.ruleId !== b.ruleId || a.decidedBy !== b.decidedBy) return false;
  if (a.rulesVersion !== b.rulesVersion) return false;
  if (a.coHandlers.length !== b.coHandlers.length || a.candidates.length !== b.candidates.length) return false;
  for (let i = 0; i < a.coHandlers.length; i++) if (a.coHandlers[i] !== b.coHandlers[i]) return false;
  for (let i = 0; i < a.candidates.length; i++) {
    const x = a.candidates[i]!;
    const y = b.candidates[i]!;
    if (x.ruleId !== y.ruleId || x.tier !== y.tier) return false;
  }
  return true;
}
