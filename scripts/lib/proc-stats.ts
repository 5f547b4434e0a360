import { readFileSync, readdirSync } from 'node:fs';

// Memory and CPU of processes from Linux /proc, for the benches: which process spent the CPU
// during a run, and how a worker's resident memory moves. Zero (or empty) where /proc has nothing.

const CLOCK_TICKS = 100; // USER_HZ on Linux x86-64

function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after its closing one.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Resident set size in bytes, or null when the process is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The process and every descendant (a postmaster and its backends, a wrapper and its child). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (!fields) continue;
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const all: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

/** CPU seconds (user + system) spent so far by the process, and by its descendants when `tree`. */
export function cpuSeconds(rootPid: number, tree = true): number {
  let ticks = 0;
  for (const pid of tree ? processTree(rootPid) : [rootPid]) {
    const fields = stat(pid);
    // After the command: state(0) ppid(1) … utime(11) stime(12).
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Total RSS of a process tree in bytes (PostgreSQL: shared buffers counted once per backend). */
export function treeRssBytes(rootPid: number): number {
  return processTree(rootPid).reduce((sum, pid) => sum + (rssBytes(pid) ?? 0), 0);
}

/** A process to meter: its id (null: not running), with or without its descendants. */
export interface Metered {
  pid: number | null;
  tree?: boolean;
}

/**
 * CPU use per named process over an interval, in cores (1.0 = one core busy all the time), plus
 * `others`: what every other process on the machine used meanwhile (other engineers' test runs).
 */
export function cpuMeter(processes: Record<string, Metered>): { stop(): Record<string, number> } {
  const started = Date.now();
  const spent = (m: Metered) => (m.pid === null ? 0 : cpuSeconds(m.pid, m.tree ?? true));
  const before = Object.fromEntries(Object.entries(processes).map(([name, m]) => [name, spent(m)]));
  const machineBefore = machineCpuSeconds();
  return {
    stop() {
      const seconds = (Date.now() - started) / 1000;
      const round = (n: number) => Math.round((n / seconds) * 100) / 100;
      const used = Object.fromEntries(
        Object.entries(processes).map(([name, m]) => [name, spent(m) - before[name]!] as const),
      );
      const ours = Object.values(used).reduce((sum, n) => sum + n, 0);
      const machine = machineCpuSeconds() - machineBefore;
      return {
        ...Object.fromEntries(Object.entries(used).map(([name, n]) => [name, round(n)])),
        others: round(Math.max(0, machine - ours)),
      };
    },
  };
}

/** The machine's load: CPU seconds all processes spent, to tell how much others used meanwhile. */
export function machineCpuSeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}
