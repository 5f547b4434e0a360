// The working-day calendar as stored: the shipped dataset, and admins' versions of a year over it
// (docs/calendar.md). Rows are only ever added; the highest version of a year is its arrangement.
import type { Actor } from '../domain/actor';
import type { WorkingCalendar, WorkingCalendarYear } from '../domain/working-days';
import { datasetYear } from './calendar-dataset';
import { transaction, type Db } from './sql';

// The app role may not LOCK TABLE a table it can only append to; writers queue on this instead.
const CALENDAR_WRITE_LOCK = 7_236_014;

export interface CalendarYear extends WorkingCalendarYear {
  year: number;
  /** The override's version; 0 for the shipped dataset. */
  version: number;
  source: 'dataset' | 'override';
  /** False when neither the dataset nor an admin has the year: its days count Monday to Friday. */
  known: boolean;
  createdAt: Date | null;
}

interface VersionRow extends WorkingCalendarYear {
  version: number;
  year: number;
  createdAt: Date;
}

// Dates go out as text: postgres.js would make a JS Date of each, midnight UTC, a day off in Beijing.
const latestRows = (db: Db, fromYear: number, toYear: number, atVersion: number | null = null) => db<VersionRow[]>`
  SELECT DISTINCT ON (year) version, year, created_at AS "createdAt",
    array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
    array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays
  FROM calendar_versions
  WHERE year BETWEEN ${fromYear} AND ${toYear} AND (${atVersion}::int IS NULL OR version <= ${atVersion})
  ORDER BY year, version DESC`;

const fromRow = (row: VersionRow): CalendarYear => ({
  year: row.year,
  version: row.version,
  source: 'override',
  known: true,
  holidays: row.holidays,
  workdays: row.workdays,
  createdAt: row.createdAt,
});

/** A year's arrangement in force: its latest override, else the dataset's (possibly none: `known: false`). */
export async function calendarForYear(db: Db, year: number): Promise<CalendarYear> {
  const [row] = await latestRows(db, year, year);
  if (row) return fromRow(row);
  const shipped = datasetYear(year);
  return {
    year,
    version: 0,
    source: 'dataset',
    known: shipped !== null,
    holidays: shipped?.holidays ?? [],
    workdays: shipped?.workdays ?? [],
    createdAt: null,
  };
}

/**
 * Stores an admin's arrangement of a year as a new version (the caller has checked it against
 * `calendarYearProblems`). The lock makes concurrent writers take versions in commit order, so a
 * version number read later never gains an older row beneath it.
 */
export async function putCalendarYear(
  db: Db,
  year: number,
  arrangement: WorkingCalendarYear,
  actor: Actor,
): Promise<CalendarYear> {
  const version = await transaction(db, async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${CALENDAR_WRITE_LOCK})`;
    const [row] = await tx<{ version: number }[]>`
      INSERT INTO calendar_versions (year, holidays, workdays, created_by)
      VALUES (${year}, ${[...arrangement.holidays].sort()}::text[]::date[],
              ${[...arrangement.workdays].sort()}::text[]::date[], ${tx.json(actor as never)})
      RETURNING version`;
    return row!.version;
  });
  const [row] = await db<VersionRow[]>`
    SELECT version, year, created_at AS "createdAt",
      array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
      array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays
    FROM calendar_versions WHERE version = ${version}`;
  return fromRow(row!);
}

/**
 * The calendar a clock pins, for the years it may count through: each year's arrangement in force;
 * a year neither the dataset nor an admin has is left out (it counts weekends only and flags
 * `calendarUnknown`). `version` is the highest version stored, 0 before any: it names the whole
 * calendar as it stood, whichever years changed.
 */
export async function loadWorkingCalendar(db: Db, fromYear: number, toYear: number): Promise<WorkingCalendar> {
  // The version first, then the rows up to it: versions commit in order (putCalendarYear's lock), so
  // every row up to a visible version is visible, and a PUT committing meanwhile is left out of both.
  const [latest] = await db<{ version: number | null }[]>`SELECT max(version) AS version FROM calendar_versions`;
  const version = latest?.version ?? 0;
  const rows = await latestRows(db, fromYear, toYear, version);
  const overrides = new Map(rows.map((row) => [row.year, row]));
  const years: WorkingCalendar['years'] = {};
  for (let year = fromYear; year <= toYear; year += 1) {
    const override = overrides.get(year);
    const arrangement = override ? { holidays: override.holidays, workdays: override.workdays } : datasetYear(year);
    if (arrangement) years[String(year)] = arrangement;
  }
  return { version, years };
}
