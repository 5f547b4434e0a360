import type { CaseState } from '../domain/case-schema';
import type { Db, Fragment } from './sql';

// The read model's `cases` row as the workflow's snapshot fills it: for each column, the snapshot
// field it holds. The one map both ways: the upsert (case-store.ts) writes these columns from a
// snapshot, and the readers (case-queries.ts, ledger.ts, ledger-export.ts) select them back under
// the field's name, typed by StoredCase. A field the case's readers should see costs its line here
// and the migration that adds its column. Columns only events fill (report_count, measures, …) are
// projections.ts's.

type Kind = 'as-is' | 'json' | 'time';

interface Column<Key extends string, K extends Kind, Value> {
  /** The name a reader gets the column back under. */
  key: Key;
  /** `json` goes in as jsonb; `time` (an ISO-8601 string in the snapshot) comes back as a Date. */
  kind: K;
  value: (s: CaseState) => Value;
}

const column =
  <K extends Kind>(kind: K) =>
  <F extends keyof CaseState>(field: F): Column<F, K, CaseState[F]> => ({ key: field, kind, value: (s) => s[field] });
const asIs = column('as-is');
const json = column('json');
const time = column('time');

const CASE_COLUMNS = {
  id: asIs('id'),
  seq: asIs('seq'),
  status: asIs('status'),
  kind: asIs('kind'),
  category: asIs('category'),
  title: asIs('title'),
  description: asIs('description'),
  locality: asIs('locality'),
  priority: asIs('priority'),
  reporter_id: asIs('reporterId'),
  visit_id: asIs('visitId'),
  reported_by: json('reportedBy'),
  lead_unit_id: asIs('lead'),
  co_handlers: asIs('coHandlers'),
  routing: json('routing'),
  policy: json('policy'),
  accept_due: time('acceptDue'),
  deadline: time('deadline'),
  next_report_due: time('nextReportDue'),
  missed_reports: asIs('missedReports'),
  overdue: asIs('overdue'),
  escalation_level: asIs('escalationLevel'),
  // Older snapshots lack the flag: they counted no working days, so none ran past a calendar.
  calendar_unknown: { key: 'calendarUnknown', kind: 'as-is', value: (s: CaseState) => s.calendarUnknown ?? false },
  due_soon: { key: 'dueSoon', kind: 'as-is', value: (s: CaseState) => s.dueSoon ?? false },
  resolved_at: { key: 'resolvedAt', kind: 'time', value: (s: CaseState) => s.resolution?.resolvedAt ?? null },
  follow_up_due: time('followUpDue'),
  close_reason: asIs('closeReason'),
  closed_at: time('closedAt'),
  reported_at: time('reportedAt'),
  updated_at: time('updatedAt'),
} as const;

type ColumnName = keyof typeof CASE_COLUMNS;
type AnyColumn = (typeof CASE_COLUMNS)[ColumnName];

/** An ISO-8601 string as PostgreSQL's timestamptz gives it back. */
export type DateOf<T> = T extends string ? Date : T;
/** T as read from the database: its `Times` fields as Dates. */
export type WithDates<T, Times extends keyof T> = Omit<T, Times> & { [K in Times]: DateOf<T[K]> };

type Read<C> = C extends Column<string, infer K, infer V> ? (K extends 'time' ? DateOf<V> : V) : never;

/** The snapshot as the `cases` row holds it, keyed by field name. */
export type StoredCase = { [C in AnyColumn as C['key']]: Read<C> };
export type StoredField = keyof StoredCase;

const COLUMN_OF = Object.fromEntries(Object.entries(CASE_COLUMNS).map(([name, c]) => [c.key, name])) as Record<
  StoredField,
  ColumnName
>;

const STORED_FIELDS = Object.keys(COLUMN_OF) as StoredField[];

export const isStoredField = (key: string): key is StoredField => Object.hasOwn(COLUMN_OF, key);

/** The keys of an object schema that are stored snapshot fields, in the schema's order. */
export const storedFieldsOf = <Shape extends object>(shape: Shape) =>
  Object.keys(shape).filter(isStoredField) as Array<keyof Shape & StoredField>;

/** `fields` of a row, and nothing else. */
export const pickFields = <R, K extends keyof R>(row: R, fields: readonly K[]): Pick<R, K> =>
  Object.fromEntries(fields.map((field) => [field, row[field]])) as Pick<R, K>;

/**
 * `c.<column> AS "<field>", …` for a SELECT over `cases c`: every stored field, or the ones named.
 * Built only from the names above, never from input.
 */
export function caseColumns(db: Db, fields: readonly StoredField[] = STORED_FIELDS): Fragment {
  return db.unsafe(fields.map((field) => `c.${COLUMN_OF[field]} AS "${field}"`).join(', '));
}

// Every column but the key takes the newer snapshot's value; the four set at report time
// (reporter, visit, reported by, reported at) take the same value again.
const TAKE_NEWER = Object.keys(CASE_COLUMNS)
  .filter((name) => name !== 'id')
  .map((name) => `${name} = EXCLUDED.${name}`)
  .join(', ');

const WRITTEN: Array<[ColumnName, AnyColumn]> = Object.entries(CASE_COLUMNS) as Array<[ColumnName, AnyColumn]>;

/** The snapshot's row; `?? null` because a snapshot carried over from an older run lacks newer fields. */
function rowOf(db: Db, s: CaseState): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, c] of WRITTEN) {
    const value = c.value(s) ?? null;
    row[name] = c.kind === 'json' && value !== null ? db.json(value) : value;
  }
  return row;
}

/** Writes the snapshot into its `cases` row, unless the row already holds a newer one. */
export async function upsertSnapshot(db: Db, s: CaseState): Promise<void> {
  await snapshotUpsert(db, s);
}

/** The same statement, not yet awaited, for a pipeline (case-store.ts `firstEventsWrites`). */
export const snapshotUpsert = (db: Db, s: CaseState): Fragment => db`
    INSERT INTO cases ${db(rowOf(db, s))}
    ON CONFLICT (id) DO UPDATE SET ${db.unsafe(TAKE_NEWER)}
    -- A retried older transition arrives after a newer one: the newer snapshot stays.
    WHERE cases.seq < EXCLUDED.seq`;
