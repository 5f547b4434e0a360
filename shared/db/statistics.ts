import type { Viewer } from '../domain/access';
import { SEGMENT_KEYS, type CountKey, type GroupBy, type SegmentKey } from '../supervision/statistics/definitions';
import {
  emptySegments,
  ratesOf,
  zeroCounts,
  type GroupStatistics,
  type SegmentTimes,
} from '../supervision/statistics/figures';
import { percentilesCont, samplesFromHexParts } from '../supervision/statistics/percentiles';
import { and, scopeCondition } from './ledger-sql';
import { localitySubtree } from './localities';
import type { Db, Fragment } from './sql';

// The statistics of docs/statistics.md in SQL, over case_statistics (the audit trail folded per case by
// migration 0014) aliased `c`, so the ledger's own scope rule (scopeCondition) applies unchanged. Each
// figure is a FILTERed aggregate whose condition is the figure's definition: the anchor event's instant
// within [from, to), and what else the definition asks. Weekly reports and follow-ups are counted from
// case_statistic_events, one row per event with the case's dimensions at the time, also aliased `c`.
// Visitors are refused by the route: their scope (the reporter's token) is not in these tables.

export interface StatisticsQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
  unit?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  locality?: string | undefined;
}

const keyOf = (db: Db, groupBy: GroupBy): Fragment =>
  ({
    unit: db`coalesce(c.lead_unit_id, '')`,
    category: db`coalesce(c.category, '')`,
    kind: db`coalesce(c.kind, '')`,
    locality: db`coalesce(c.locality, '')`,
  })[groupBy];

/** The scope first, then each filter ANDed to it (as the ledger's), as one fragment inside an object: a
 * fragment is a thenable, and returned bare from an async function it would run as a query of its own. */
async function conditions(db: Db, viewer: Viewer, q: StatisticsQuery): Promise<{ where: Fragment }> {
  const parts = [scopeCondition(db, viewer)];
  if (q.unit) parts.push(db`(c.lead_unit_id = ${q.unit} OR c.co_handlers @> ARRAY[${q.unit}]::text[])`);
  if (q.category) parts.push(db`c.category = ${q.category}`);
  if (q.kind) parts.push(db`c.kind = ${q.kind}`);
  if (q.locality) parts.push(db`c.locality = ANY(${await localitySubtree(db, q.locality)}::text[])`);
  return { where: and(db, parts) };
}

/** One group's figures from one read: its counts, and each segment's samples as the hex text PostgreSQL sent. */
interface Row {
  key: string;
  counts: Partial<Record<CountKey, number>>;
  samples: Partial<Record<SegmentKey, Buffer>>;
}

/** What postgres.js answers for a `raw()` read: each value the text PostgreSQL sent, null for NULL. */
type RawRows = ReadonlyArray<ReadonlyArray<Buffer | null>> & { columns: ReadonlyArray<{ name: string }> };

const isSegment = (name: string): name is SegmentKey => (SEGMENT_KEYS as readonly string[]).includes(name);

/**
 * A read's rows from the text PostgreSQL sent, left undecoded by postgres.js (`raw()`): the key and
 * the counts are short; the samples, megabytes of hex in a month, are kept as sent, and decoded once
 * all reads are in, each group's parts straight into one array (samplesFromHexParts), without
 * becoming strings first.
 */
async function decoded(read: Promise<RawRows>): Promise<Row[]> {
  const result = await read;
  const names = result.columns.map((column) => column.name);
  return result.map((values) => {
    const row: Row = { key: '', counts: {}, samples: {} };
    values.forEach((value, i) => {
      const name = names[i]!;
      if (value === null) return;
      if (name === 'key') row.key = value.toString('utf8');
      else if (isSegment(name)) row.samples[name] = value;
      else row.counts[name as CountKey] = Number(value.toString('latin1'));
    });
    return row;
  });
}

/** The last_at range of one part of the window's active cases (lastAtParts). */
type LastAtRange = { from: string; to: string | null };

/**
 * Counts, and each segment's samples (its seconds, as an array), per group over the cases active in
 * the period whose last_at falls in `part`. One pass computes every figure: each count is a
 * FILTERed aggregate whose condition is the figure's definition, each segment's samples a
 * string_agg of int4 bytes (whole seconds) under its own; the percentiles are taken from the samples
 * in TypeScript (percentiles.ts), which spares PostgreSQL sorting the whole window by group for
 * percentile_cont.
 * Whether each instant falls in the window is decided once per case, in the inner query (named
 * `in_*`), and the definitions read those flags: written in each FILTER, the same comparisons would
 * run once per figure that uses them (OFFSET 0 keeps the planner from folding the inner query back in).
 */
function caseFigures(db: Db, key: Fragment, where: Fragment, { from, to }: StatisticsQuery, part: LastAtRange) {
  const within = (column: Fragment) => db`${column} >= ${from} AND ${column} < ${to}`;
  const closedAsDone = db`c.close_reason IN ('resolved', 'on_spot')`;
  const onTime = db`(c.close_reason = 'on_spot' OR c.resolved_on_time)`;
  const segment = (name: SegmentKey, seconds: Fragment, ends: Fragment, extra: Fragment = db`TRUE`) =>
    // As one bytea of whole seconds (int4send: 4 bytes, big-endian), read without parsing text: turning
    // ~200,000 numbers from text costs more than the query that collects them. Whole seconds because a
    // stint is hours or days long, and half the bytes of a float8 is half the hex text a request
    // receives (docs/statistics.md "Segments"). string_agg skips a NULL, so a case without the segment
    // adds nothing; the cast rounds to the nearest second.
    db`string_agg(int4send(${seconds}::int4), ''::bytea) FILTER (WHERE ${ends} AND ${extra}) AS ${db(name)}`;
  const lastAt =
    part.to === null ? db`c.last_at >= ${part.from}` : db`c.last_at >= ${part.from} AND c.last_at < ${part.to}`;
  return decoded(
    db`
    SELECT c.key,
      count(*) FILTER (WHERE c.in_reported)::int AS received,
      count(*) FILTER (WHERE c.in_assigned)::int AS assigned,
      count(*) FILTER (WHERE c.in_assigned AND NOT coalesce(c.close_reason IN ('duplicate', 'withdrawn', 'not_actionable')
                                                              AND c.closed_before_end, false))::int AS closable,
      count(*) FILTER (WHERE c.in_assigned AND c.closed_as_done AND c.closed_before_end)::int AS "closedOfAssigned",
      count(*) FILTER (WHERE c.in_assigned AND c.closed_as_done AND c.closed_before_end AND c.on_time)::int
        AS "closedOnTimeOfAssigned",
      count(*) FILTER (WHERE c.in_closed AND c.closed_as_done)::int AS closed,
      count(*) FILTER (WHERE c.in_closed AND c.closed_as_done AND c.on_time)::int AS "closedOnTime",
      count(*) FILTER (WHERE c.in_accepted)::int AS signed,
      count(*) FILTER (WHERE c.in_accepted AND c.accepted_on_time)::int AS "signedOnTime",
      count(*) FILTER (WHERE c.in_first_follow_up)::int AS "firstFollowUps",
      count(*) FILTER (WHERE c.in_first_follow_up AND c.first_follow_up_satisfied)::int AS "firstSatisfied",
      count(*) FILTER (WHERE c.in_first_resolved)::int AS resolved,
      count(*) FILTER (WHERE c.in_first_resolved AND c.reopened_count > 0)::int AS reworked,
      ${segment('triage', db`c.triage_seconds`, db`c.in_triage_done`)},
      ${segment('queue', db`c.queue_seconds`, db`c.in_queue_done`)},
      ${segment('signFor', db`c.sign_for_seconds`, db`c.in_accepted`)},
      ${segment('handling', db`c.handling_seconds`, db`c.in_resolved`, db`c.extension_seconds = 0`)},
      ${segment('handlingExtended', db`c.handling_seconds`, db`c.in_resolved`, db`c.extension_seconds > 0`)},
      ${segment('extension', db`c.extension_seconds`, db`c.in_resolved`, db`c.extension_seconds > 0`)},
      ${segment('verification', db`c.verification_seconds`, db`c.in_closed`, db`c.close_reason = 'resolved'`)}
    FROM (
      SELECT ${key} AS key,
        ${within(db`c.reported_at`)} AS in_reported,
        ${within(db`c.first_handed_at`)} AS in_assigned,
        ${within(db`c.closed_at`)} AS in_closed,
        ${within(db`c.accepted_at`)} AS in_accepted,
        ${within(db`c.first_follow_up_at`)} AS in_first_follow_up,
        ${within(db`c.first_resolved_at`)} AS in_first_resolved,
        ${within(db`c.triage_done_at`)} AS in_triage_done,
        ${within(db`c.queue_done_at`)} AS in_queue_done,
        ${within(db`c.resolved_at`)} AS in_resolved,
        c.closed_at < ${to} AS closed_before_end,
        ${closedAsDone} AS closed_as_done,
        ${onTime} AS on_time,
        c.close_reason, c.accepted_on_time, c.first_follow_up_satisfied, c.reopened_count,
        c.triage_seconds, c.queue_seconds, c.sign_for_seconds, c.handling_seconds, c.extension_seconds,
        c.verification_seconds
      FROM case_statistics c WHERE ${lastAt} AND c.reported_at < ${to} AND ${where}
      OFFSET 0
    ) c
    GROUP BY 1`.raw(),
  );
}

/**
 * The window's active cases (last_at from its start on) in `count` parts of about as many cases each:
 * string_agg cannot use PostgreSQL's parallel workers, so the parts are read by queries of their own,
 * on connections of their own, side by side (loadStatistics). The bounds are quantiles of last_at
 * from the window's start on, as PostgreSQL's own statistics of the column say (pg_stats' histogram:
 * equal numbers of rows between its bounds); cases' last events crowd towards now, so equal spans of
 * time would leave the latest part the largest. Without a histogram (a table never analysed), equal
 * spans of the time from the window's start to now.
 */
async function lastAtParts(db: Db, { from, to }: StatisticsQuery, count: number, now: number): Promise<LastAtRange[]> {
  const [row] = await db<{ bounds: Date[] | null }[]>`
    SELECT histogram_bounds::text::timestamptz[] AS bounds FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'case_statistics' AND attname = 'last_at'`;
  const start = Date.parse(from);
  const later = (row?.bounds ?? []).filter((bound) => bound.getTime() > start);
  const span = Math.max(now, Date.parse(to)) - start;
  const cuts = Array.from({ length: count - 1 }, (_, i) =>
    later.length >= count
      ? later[Math.floor(((i + 1) * later.length) / count)]!.toISOString()
      : new Date(start + ((i + 1) * span) / count).toISOString(),
  );
  const bounds = [from, ...cuts];
  return bounds.map((lower, i) => ({ from: lower, to: bounds[i + 1] ?? null }));
}

/** [from, to) in `count` equal spans of time. */
function equalSpans({ from, to }: { from: string; to: string }, count: number): Array<{ from: string; to: string }> {
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  const at = (i: number) => (i === 0 ? from : i === count ? to : new Date(start + (i * span) / count).toISOString());
  return Array.from({ length: count }, (_, i) => ({ from: at(i), to: at(i + 1) }));
}

/**
 * Weekly reports due (on time + missed) and follow-ups in [from, to), one row per event, with the
 * case's dimensions then (an index-only scan: migration 0022).
 */
function eventFigures(db: Db, key: Fragment, where: Fragment, { from, to }: { from: string; to: string }) {
  return decoded(
    db`
    SELECT ${key} AS key,
      count(*) FILTER (WHERE c.mark IN ('report_on_time', 'report_missed'))::int AS "reportsDue",
      count(*) FILTER (WHERE c.mark = 'report_on_time')::int AS "reportsOnTime",
      count(*) FILTER (WHERE c.mark IN ('satisfied', 'unsatisfied'))::int AS "followUps",
      count(*) FILTER (WHERE c.mark = 'satisfied')::int AS satisfied
    FROM case_statistic_events c
    WHERE c.at >= ${from} AND c.at < ${to} AND ${where}
    GROUP BY 1`.raw(),
  );
}

async function namesOf(db: Db, groupBy: GroupBy): Promise<Map<string, string>> {
  const rows =
    groupBy === 'unit'
      ? await db<{ key: string; name: string }[]>`SELECT id AS key, name FROM units`
      : groupBy === 'category'
        ? await db<{ key: string; name: string }[]>`SELECT code AS key, name FROM categories`
        : groupBy === 'locality'
          ? await db<{ key: string; name: string }[]>`SELECT code AS key, name FROM localities`
          : [];
  return new Map(rows.map((r) => [r.key, r.name]));
}

/**
 * Reads at once: one per core of the two-core server the figures are measured on (bench/README.md).
 * A third query beside two would leave three backends sharing two cores, the last one setting the
 * answer's time.
 */
const STREAMS = 2;
/**
 * Parts of the cases and of the marks: the two streams each take a part of the cases, then a part of
 * the marks, whichever finishes first taking the next. Four parts of the cases measured slower than two
 * (each read's own round trip and hash table).
 */
const CASE_PARTS = 2;
const MARK_PARTS = 2;

/** Runs `reads` on `streams` connections at a time, each taking the next as it finishes one; the rows of all. */
async function inStreams(reads: ReadonlyArray<() => Promise<Row[]>>, streams: number): Promise<Row[]> {
  const rows: Row[] = [];
  let next = 0;
  const stream = async () => {
    while (next < reads.length) rows.push(...(await reads[next++]!()));
  };
  await Promise.all(Array.from({ length: Math.min(streams, reads.length) }, stream));
  return rows;
}

/** The statistics per group, ordered by key; a group appears when any of its counts is non-zero. */
export async function loadStatistics(db: Db, viewer: Viewer, q: StatisticsQuery): Promise<GroupStatistics[]> {
  const key = keyOf(db, q.groupBy);
  const [{ where }, caseParts] = await Promise.all([
    conditions(db, viewer, q),
    lastAtParts(db, q, CASE_PARTS, Date.now()),
  ]);
  // The largest reads first, the marks' last: each of the streams takes the next read as it finishes
  // one, so the two end about together, whichever parts turn out heavier.
  const reads = [
    ...caseParts.map((part) => () => caseFigures(db, key, where, q, part)),
    ...equalSpans(q, MARK_PARTS).map((span) => () => eventFigures(db, key, where, span)),
  ];
  const [rows, names] = await Promise.all([inStreams(reads, STREAMS), namesOf(db, q.groupBy)]);
  const groups = new Map<string, { group: GroupStatistics; samples: Record<SegmentKey, Buffer[]> }>();
  const groupOf = (k: string) => {
    let entry = groups.get(k);
    if (!entry) {
      const group = {
        key: k,
        name: names.get(k) ?? null,
        counts: zeroCounts(),
        rates: ratesOf(zeroCounts()),
        segments: emptySegments(),
      };
      const samples = Object.fromEntries(SEGMENT_KEYS.map((s) => [s, []])) as unknown as Record<SegmentKey, Buffer[]>;
      entry = { group, samples };
      groups.set(k, entry);
    }
    return entry;
  };
  for (const row of rows) {
    const { group, samples } = groupOf(row.key);
    for (const [name, n] of Object.entries(row.counts) as Array<[CountKey, number]>) group.counts[name] += n;
    for (const [segment, values] of Object.entries(row.samples) as Array<[SegmentKey, Buffer]>) {
      samples[segment].push(values);
    }
  }
  for (const { group, samples } of groups.values()) {
    group.rates = ratesOf(group.counts);
    for (const s of SEGMENT_KEYS) group.segments[s] = segmentTimes(samples[s]);
  }
  // A case active in the period may have no figure in it (only a reopening, say): its group is left out.
  return [...groups.values()]
    .map(({ group }) => group)
    .filter((g) => Object.values(g.counts).some((n) => n > 0))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function segmentTimes(parts: readonly Buffer[]): SegmentTimes {
  const samples = samplesFromHexParts(parts);
  const [median, p90] = percentilesCont(samples, [0.5, 0.9]);
  return { count: samples.length, medianSeconds: median ?? null, p90Seconds: p90 ?? null };
}
