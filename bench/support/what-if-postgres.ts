// The PostgreSQL side of the what-if bench (bench/what-if.ts): the baseline (the plain scan of the
// same rows), the grouping of shared/db/routing-inputs.ts as one statement and slice by slice, the
// cases a filter matches counted apart, and the service's steps timed in-process.
import { performance } from 'node:perf_hooks';
import { prepareWhatIf } from '../../api/services/routing-what-if';
import { inOneSnapshot, readRoutingInputGroups, sampleCases } from '../../shared/db/routing-inputs';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { compareRoutings } from '../../shared/routing/what-if';
import type { RoutingRule } from '../../shared/routing';
import { round } from './stats';

const office: Viewer = { tokenId: '00000000-0000-0000-0000-000000000001', role: 'office', unitId: null };
const seconds = (started: number) => round((performance.now() - started) / 1000, 3);

/** `runs` timings of `query`, in seconds. */
export async function timeQuery(runs: number, query: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    times.push(seconds(started));
  }
  return times;
}

export const countAll = (sql: Sql) => sql`SELECT count(*) FROM cases`;

/** The what-if's grouping in one statement, without the slices: what the slicing costs. */
export const groupAll = (sql: Sql) => sql`
  SELECT c.category, c.locality, c.kind, count(*)::int AS cases FROM cases c GROUP BY c.category, c.locality, c.kind`;

/** One slice's grouped query as routing-inputs.ts sends it for an office without filter (`TRUE`: the scope). */
const sliceQuery = (from: number, to: number | null) =>
  `SELECT c.category, c.locality, c.kind, count(*)::int AS cases
   FROM cases c WHERE c.ctid >= '(${from},0)'::tid${to === null ? '' : ` AND c.ctid < '(${to},0)'::tid`} AND TRUE
   GROUP BY c.category, c.locality, c.kind`;

const executionMs = (plan: string[]) =>
  Number(/([\d.]+) ms/.exec(plan.find((line) => line.startsWith('Execution Time')) ?? '')?.[1]);

/**
 * Where the grouped read's time goes: the service's read (readRoutingInputGroups, its own slicing)
 * with the wall time of each slice and this process's CPU over it (receiving, parsing and merging
 * rows), against PostgreSQL's own execution of the same slices (EXPLAIN ANALYZE, bounds taken from
 * the read's progress) and the rows each sends; and the first slice's plan.
 */
export async function readCosts(sql: Sql) {
  const marks: Array<{ done: number; ms: number }> = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const groups = await inOneSnapshot(sql, (tx) =>
    readRoutingInputGroups(tx, office, {}, ({ done }) => {
      marks.push({ done, ms: round(performance.now() - started, 1) });
    }),
  );
  const wallMs = round(performance.now() - started, 1);
  const used = process.cpuUsage(cpu);
  const slices = [];
  let firstPlan: string[] = [];
  for (const [i, mark] of marks.entries()) {
    const from = i === 0 ? 0 : marks[i - 1]!.done;
    const query = sliceQuery(from, i === marks.length - 1 ? null : mark.done);
    const plan = (await sql.unsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`)).map(
      (row) => row['QUERY PLAN'],
    );
    if (i === 0) firstPlan = plan;
    const rows = (await sql.unsafe(query)).length;
    slices.push({
      blocks: [from, mark.done],
      wallMs: round(mark.ms - (marks[i - 1]?.ms ?? 0), 1),
      executionMs: executionMs(plan),
      rows,
    });
  }
  return {
    groups: groups.length,
    wallMs,
    processCpuMs: round((used.user + used.system) / 1000, 0),
    executionMs: round(
      slices.reduce((sum, slice) => sum + slice.executionMs, 0),
      1,
    ),
    rows: slices.reduce((sum, slice) => sum + slice.rows, 0),
    slices,
    firstPlan,
  };
}

/** The cases reported in the Beijing days `from`..`to` (inclusive) under `locality`, counted apart from the what-if. */
export async function countFiltered(sql: Sql, from: string, to: string, locality: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    WITH RECURSIVE subtree(code) AS (
      SELECT ${locality}::text
      UNION ALL SELECT l.code FROM localities l JOIN subtree s ON l.parent_code = s.code)
    SELECT count(*)::int AS n FROM cases
    WHERE reported_at >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND reported_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND locality IN (SELECT code FROM subtree)`;
  return row!.n;
}

/** The service's steps, timed apart in this process: validation and compiling, the grouped read, the comparison, the examples' case ids. */
export async function timeSteps(sql: Sql, draft: RoutingRule[]) {
  const prepareStarted = performance.now();
  const prepared = await prepareWhatIf(sql, draft);
  const prepareSeconds = seconds(prepareStarted);
  return inOneSnapshot(sql, async (tx) => {
    let started = performance.now();
    const groups = await readRoutingInputGroups(tx, office, {});
    const readSeconds = seconds(started);
    started = performance.now();
    const figures = compareRoutings(prepared.before, prepared.after, groups);
    const compareSeconds = seconds(started);
    started = performance.now();
    await sampleCases(tx, office, {}, figures.examples);
    return { prepareSeconds, readSeconds, compareSeconds, samplesSeconds: seconds(started), groups: groups.length };
  });
}
