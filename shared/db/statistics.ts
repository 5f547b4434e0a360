import type { Viewer } from '../domain/access';
import { SEGMENT_KEYS, type CountKey, type GroupBy, type SegmentKey } from '../supervision/statistics/definitions';
import {
  emptySegments,
  ratesOf,
  zeroCounts,
  type GroupStatistics,
  type SegmentTimes,
} from '../supervision/statistics/figures';
import { float8Samples, percentilesCont } from '../supervision/statistics/percentiles';
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

type Row = { key: string } & Partial<Record<CountKey, number>> & Partial<Record<SegmentKey, Buffer | null>>;

/** The last_at range of one of the two passes over the window's active cases (below). */
type LastAtRange = { from: string; to: string | null };

/**
 * Counts, and each segment's samples (its seconds, as an array), per group over the cases active in
 * the period whose last_at falls in `part`. One pass computes every figure: each count is a
 * FILTERed aggregate whose condition is the figure's definition, each segment's samples an
 * string_agg of float8 bytes under its own; the percentiles are taken from the samples in TypeScript
 * (percentiles.ts), which spares PostgreSQL sorting the whole window by group for percentile_cont.
 */
function caseFigures(db: Db, key: Fragment, where: Fragment, { from, to }: StatisticsQuery, part: LastAtRange) {
  const within = (column: Fragment) => db`${column} >= ${from} AND ${column} < ${to}`;
  const closedAsDone = db`c.close_reason IN ('resolved', 'on_spot')`;
  const onTime = db`(c.close_reason = 'on_spot' OR c.resolved_on_time)`;
  const assigned = within(db`c.first_handed_at`);
  const closedBeforeEnd = db`c.closed_at < ${to}`;
  const segment = (name: SegmentKey, seconds: Fragment, ends: Fragment, extra: Fragment = db`TRUE`) =>
    // As one bytea of 8-byte floats (float8send: big-endian IEEE 754, exact), read without parsing text:
    // turning ~200,000 numbers from text costs more than the query that collects them.
    db`string_agg(float8send(${seconds}), ''::bytea) FILTER (WHERE ${within(ends)} AND ${seconds} IS NOT NULL AND ${extra}) AS ${db(name)}`;
  const lastAt =
    part.to === null ? db`c.last_at >= ${part.from}` : db`c.last_at >= ${part.from} AND c.last_at < ${part.to}`;
  return db<Row[]>`
    SELECT ${key} AS key,
      count(*) FILTER (WHERE ${within(db`c.reported_at`)})::int AS received,
      count(*) FILTER (WHERE ${assigned})::int AS assigned,
      count(*) FILTER (WHERE ${assigned} AND NOT coalesce(c.close_reason IN ('duplicate', 'withdrawn', 'not_actionable')
                                                           AND ${closedBeforeEnd}, false))::int AS closable,
      count(*) FILTER (WHERE ${assigned} AND ${closedAsDone} AND ${closedBeforeEnd})::int AS "closedOfAssigned",
      count(*) FILTER (WHERE ${assigned} AND ${closedAsDone} AND ${closedBeforeEnd} AND ${onTime})::int
        AS "closedOnTimeOfAssigned",
      count(*) FILTER (WHERE ${within(db`c.closed_at`)} AND ${closedAsDone})::int AS closed,
      count(*) FILTER (WHERE ${within(db`c.closed_at`)} AND ${closedAsDone} AND ${onTime})::int AS "closedOnTime",
      count(*) FILTER (WHERE ${within(db`c.accepted_at`)})::int AS signed,
      count(*) FILTER (WHERE ${within(db`c.accepted_at`)} AND c.accepted_on_time)::int AS "signedOnTime",
      count(*) FILTER (WHERE ${within(db`c.first_follow_up_at`)})::int AS "firstFollowUps",
      count(*) FILTER (WHERE ${within(db`c.first_follow_up_at`)} AND c.first_follow_up_satisfied)::int
        AS "firstSatisfied",
      count(*) FILTER (WHERE ${within(db`c.first_resolved_at`)})::int AS resolved,
      count(*) FILTER (WHERE ${within(db`c.first_resolved_at`)} AND c.reopened_count > 0)::int AS reworked,
      ${segment('triage', db`c.triage_seconds`, db`c.triage_done_at`)},
      ${segment('queue', db`c.queue_seconds`, db`c.queue_done_at`)},
      ${segment('signFor', db`c.sign_for_seconds`, db`c.accepted_at`)},
      ${segment('handling', db`c.handling_seconds`, db`c.resolved_at`, db`c.extension_seconds = 0`)},
      ${segment('handlingExtended', db`c.handling_seconds`, db`c.resolved_at`, db`c.extension_seconds > 0`)},
      ${segment('extension', db`c.extension_seconds`, db`c.resolved_at`, db`c.extension_seconds > 0`)},
      ${segment('verification', db`c.verification_seconds`, db`c.closed_at`, db`c.close_reason = 'resolved'`)}
    FROM case_statistics c WHERE ${lastAt} AND c.reported_at < ${to} AND ${where} GROUP BY 1`;
}

/**
 * The window's active cases (last_at from its start on) in two parts, each read by its own query on its
 * own connection, so the two run side by side on two cores (string_agg cannot use PostgreSQL's parallel
 * workers). The split is the median of last_at from the window's start on, as PostgreSQL's own
 * statistics of the column say (pg_stats' histogram: equal numbers of rows between its bounds), so the
 * halves hold about as many cases each; cases' last events crowd towards now, so the middle of the
 * time range would leave the later half twice the size. Without a histogram (a table never analysed),
 * the middle of the time range from the window's start to now.
 */
async function lastAtHalves(db: Db, { from, to }: StatisticsQuery, now: number): Promise<[LastAtRange, LastAtRange]> {
  const [row] = await db<{ bounds: Date[] | null }[]>`
    SELECT histogram_bounds::text::timestamptz[] AS bounds FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'case_statistics' AND attname = 'last_at'`;
  const start = Date.parse(from);
  const later = (row?.bounds ?? []).filter((bound) => bound.getTime() > start);
  const middle =
    later.length >= 2
      ? later[Math.floor(later.length / 2)]!.toISOString()
      : new Date(start + (Math.max(now, Date.parse(to)) - start) / 2).toISOString();
  return [
    { from, to: middle },
    { from: middle, to: null },
  ];
}

/** Weekly reports due (on time + missed) and follow-ups, one row per event, with the case's dimensions then. */
function eventFigures(db: Db, key: Fragment, where: Fragment, { from, to }: StatisticsQuery) {
  return db<Row[]>`
    SELECT ${key} AS key,
      count(*) FILTER (WHERE c.mark IN ('report_on_time', 'report_missed'))::int AS "reportsDue",
      count(*) FILTER (WHERE c.mark = 'report_on_time')::int AS "reportsOnTime",
      count(*) FILTER (WHERE c.mark IN ('satisfied', 'unsatisfied'))::int AS "followUps",
      count(*) FILTER (WHERE c.mark = 'satisfied')::int AS satisfied
    FROM case_statistic_events c
    WHERE c.at >= ${from} AND c.at < ${to} AND ${where}
    GROUP BY 1`;
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

/** The statistics per group, ordered by key; a group appears when any of its counts is non-zero. */
export async function loadStatistics(db: Db, viewer: Viewer, q: StatisticsQuery): Promise<GroupStatistics[]> {
  const key = keyOf(db, q.groupBy);
  const [{ where }, [early, late]] = await Promise.all([conditions(db, viewer, q), lastAtHalves(db, q, Date.now())]);
  const [first, second, events, names] = await Promise.all([
    caseFigures(db, key, where, q, early),
    caseFigures(db, key, where, q, late),
    eventFigures(db, key, where, q),
    namesOf(db, q.groupBy),
  ]);
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
  for (const row of [...first, ...second, ...events]) {
    const { group, samples } = groupOf(row.key);
    for (const name of Object.keys(group.counts) as CountKey[]) {
      if (typeof row[name] === 'number') group.counts[name] += row[name];
    }
    for (const s of SEGMENT_KEYS) {
      const values = row[s];
      if (values) samples[s].push(values);
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
  const samples = float8Samples(parts);
  const [median, p90] = percentilesCont(samples, [0.5, 0.9]);
  return { count: samples.length, medianSeconds: median ?? null, p90Seconds: p90 ?? null };
}
