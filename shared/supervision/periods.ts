// Days, ISO weeks and months on the campaign clock (shared/domain/campaign-clock.ts), the calendar the
// campaign's 日抽查、周调度、月小结 run on. Pure arithmetic on the clock's fixed offset, so workflow code
// may use it, and a week is always exactly 7 days.
import { campaignDate, campaignMidnight as midnight, campaignWallClock as wallClock } from '../domain/campaign-clock';

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** `2026-11-30`, `2026-W48`, `2026-11`. */
  label: string;
  /** Inclusive start and exclusive end, as UTC instants (ISO-8601 with `Z`). */
  startsAt: string;
  endsAt: string;
}

const DAY = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const period = (kind: PeriodKind, label: string, start: number, end: number): Period => ({
  kind,
  label,
  startsAt: new Date(start).toISOString(),
  endsAt: new Date(end).toISOString(),
});

function isoWeekOf(instant: number): { year: number; week: number } {
  const wall = wallClock(instant);
  const weekday = wall.getUTCDay() === 0 ? 7 : wall.getUTCDay();
  // The ISO week belongs to the year of its Thursday.
  const thursday = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 4 - weekday);
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) };
}

export function dayPeriod(label: string): Period | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (!match) return null;
  const start = midnight(Number(match[1]), Number(match[2]), Number(match[3]));
  if (campaignDate(start) !== label) return null; // 2026-02-30 rolls over: not a day
  return period('day', label, start, start + DAY);
}

export function weekPeriod(label: string): Period | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // Week 1 is the week with January 4th in it.
  const jan4 = midnight(year, 1, 4);
  const jan4Weekday = wallClock(jan4).getUTCDay() === 0 ? 7 : wallClock(jan4).getUTCDay();
  const start = jan4 - (jan4Weekday - 1) * DAY + (week - 1) * 7 * DAY;
  const found = isoWeekOf(start);
  if (week < 1 || found.year !== year || found.week !== week) return null; // W00, or W53 of a 52-week year
  return period('week', label, start, start + 7 * DAY);
}

export function monthPeriod(label: string): Period | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return period('month', label, midnight(year, month, 1), midnight(year, month + 1, 1));
}

export function parsePeriod(kind: PeriodKind, label: string): Period | null {
  if (kind === 'day') return dayPeriod(label);
  return kind === 'week' ? weekPeriod(label) : monthPeriod(label);
}

/** The day, ISO week or month (on the campaign clock) that contains the instant. */
export function periodContaining(kind: PeriodKind, instant: number): Period {
  const wall = wallClock(instant);
  let label: string;
  if (kind === 'day') label = campaignDate(instant);
  else if (kind === 'month') label = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}`;
  else {
    const { year, week } = isoWeekOf(instant);
    label = `${year}-W${pad(week)}`;
  }
  return parsePeriod(kind, label)!;
}

/** The last period that has ended by the instant: yesterday, last week, last month. */
export function lastCompletePeriod(kind: PeriodKind, instant: number): Period {
  return periodContaining(kind, Date.parse(periodContaining(kind, instant).startsAt) - 1);
}

/** The day `days` days before this one: `daysBefore('2026-11-30', 6)` is `2026-11-24`. */
export function daysBefore(label: string, days: number): string {
  const day = dayPeriod(label);
  if (!day) throw new Error(`not a day: ${label}`);
  return campaignDate(Date.parse(day.startsAt) - days * DAY);
}
