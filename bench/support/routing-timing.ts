// Timing a router over the bench's cases: a warm-up, then a fixed number of decisions on this thread,
// each checked against the linear scan's decision for the same case (a mismatch throws, failing the
// bench), with the CPU time it took, so the figure is known to come from one core.
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

/** How a decision is compared with the expected one: field by field, or as the very same object. */
export type Comparison = 'fields' | 'identity';

/**
 * `decideOne` is timed over `inputs` in order, again and again, until `decisions` were made; every
 * decision is compared with `expected[index of its input]`, and one that differs fails the bench.
 * `identity` is for verdicts that are interned and frozen, each compared field by field beforehand.
 */
export function timeDecisions(
  decideOne: (input: RoutingInput) => RoutingVerdict,
  inputs: readonly RoutingInput[],
  expected: readonly RoutingVerdict[],
  comparison: Comparison,
  decisions: number,
  warmUpRounds = 2,
): Timing {
  const byIdentity = comparison === 'identity';
  const pass = (count: number) => {
    for (let i = 0; i < count; i++) {
      const got = decideOne(inputs[i]!);
      if (byIdentity ? got !== expected[i] : !sameVerdict(got, expected[i]!)) {
        throw new Error(`wrong decision for ${JSON.stringify(inputs[i])}: ${JSON.stringify(got)}`);
      }
    }
  };
  for (let round = 0; round < warmUpRounds; round++) pass(inputs.length);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < decisions; done += inputs.length) pass(Math.min(inputs.length, decisions - done));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
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
