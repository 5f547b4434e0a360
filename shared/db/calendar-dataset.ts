// The shipped working-day calendar: the State Council's holiday arrangements (国务院办公厅关于
// 节假日安排的通知) as the npm package `chinese-days` (MIT, github.com/vsme/chinese-days) carries them, pinned
// in package.json. Its data file maps each date to its festival: `holidays` (days off, weekends in a
// holiday period included) and `workdays` (make-up working days, 调休). Upgrading the package is how a
// newly announced year arrives; until then an admin may enter it (PUT /v1/calendar/{year}).
// It lives beside the database layer, not in shared/domain, so that no workflow can bundle it: a clock
// counts on the calendar pinned in its case's policy (docs/calendar.md).
import dataset from 'chinese-days/dist/chinese-days.json';
import datasetPackage from 'chinese-days/package.json';
import { z } from 'zod';
import { DaySchema } from '../domain/calendar';
import type { WorkingCalendarYear } from '../domain/working-days';

/** The package and version the data comes from, as docs/calendar.md and GET /v1/calendar/{year} name it. */
export const CALENDAR_DATASET = `${datasetPackage.name}@${datasetPackage.version}`;

// Data from outside is read through a schema: a changed format in an upgrade fails here, loudly, not
// as a silently empty calendar.
const DatasetSchema = z.object({
  holidays: z.record(DaySchema, z.string()),
  workdays: z.record(DaySchema, z.string()),
});

function byYear(): Map<number, WorkingCalendarYear> {
  const parsed = DatasetSchema.parse(dataset);
  const years = new Map<number, WorkingCalendarYear>();
  const yearOf = (day: string) => {
    const year = Number(day.slice(0, 4));
    if (!years.has(year)) years.set(year, { holidays: [], workdays: [] });
    return years.get(year)!;
  };
  for (const day of Object.keys(parsed.holidays).sort()) yearOf(day).holidays.push(day);
  for (const day of Object.keys(parsed.workdays).sort()) yearOf(day).workdays.push(day);
  return years;
}

let shipped: Map<number, WorkingCalendarYear> | undefined;

/** The shipped arrangement of a year, or null when the dataset has none (a year not yet announced). */
export function datasetYear(year: number): WorkingCalendarYear | null {
  shipped ??= byYear();
  const arrangement = shipped.get(year);
  return arrangement ? { holidays: [...arrangement.holidays], workdays: [...arrangement.workdays] } : null;
}
