// The periods the desk offers — ISO weeks (2026-W49) and months (2026-12) on the campaign clock, which
// is Beijing's (docs/statistics.md "Periods") — counted back from today in Beijing, whatever the
// browser's zone, with their Chinese names.
import type { PeriodKind } from './api';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Today's date in Beijing, as a UTC midnight (so date arithmetic needs no zone). */
function beijingToday(now: Date): Date {
  const shifted = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** The ISO week of a UTC-midnight date: its year is that of the week's Thursday. */
function isoWeek(date: Date): { year: number; week: number; monday: Date } {
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(date.getTime() - weekday * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS);
  return { year, week: Math.round((monday.getTime() - firstMonday.getTime()) / (7 * DAY_MS)) + 1, monday };
}

export interface PeriodOption {
  /** What the API takes: 2026-W49, 2026-12. */
  label: string;
  /** What people read: 2026年第49周（11月30日—12月6日）, 2026年12月. */
  name: string;
  /** Short, for a chart's axis: 第49周, 12月. */
  short: string;
}

const monthDay = (date: Date) => `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;

/** The last `count` periods, the current one first. */
export function recentPeriods(kind: PeriodKind, count: number, now: Date = new Date()): PeriodOption[] {
  const today = beijingToday(now);
  const options: PeriodOption[] = [];
  for (let back = 0; back < count; back++) {
    if (kind === 'month') {
      const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
      const year = first.getUTCFullYear();
      const month = first.getUTCMonth() + 1;
      options.push({
        label: `${year}-${String(month).padStart(2, '0')}`,
        name: `${year}年${month}月`,
        short: `${month}月`,
      });
    } else {
      const { year, week, monday } = isoWeek(new Date(today.getTime() - back * 7 * DAY_MS));
      const sunday = new Date(monday.getTime() + 6 * DAY_MS);
      options.push({
        label: `${year}-W${String(week).padStart(2, '0')}`,
        name: `${year}年第${week}周（${monthDay(monday)}—${monthDay(sunday)}）`,
        short: `第${week}周`,
      });
    }
  }
  return options;
}
