// Working days (工作日) on the campaign's clock: Monday to Friday, less the statutory holidays, plus the
// make-up working days (调休) the State Council moves onto weekends (docs/calendar.md).
//
// The case workflow imports this module, so it is pure: no zod, no I/O, no Date.now(), no Intl. A day
// is counted on Beijing time as a fixed UTC+8 (shared/domain/campaign-clock.ts says why that is exact),
// so every Beijing day is 24 hours and "the same clock time on another day" is whole days away.
import { campaignDate, campaignMidnight, campaignWallClock } from './campaign-clock';

/** One year's arrangement: ISO dates (`YYYY-MM-DD`, Beijing days) off work and worked on a weekend. */
export interface WorkingCalendarYear {
  holidays: string[];
  workdays: string[];
}

/**
 * The calendar a clock counts on, keyed by year (`'2026'`). A year not in `years` is unknown: its
 * days count Monday to Friday only, and the answer says `calendarUnknown`.
 */
export interface WorkingCalendar {
  version: number;
  years: Record<string, WorkingCalendarYear>;
}

export interface WorkingDeadline {
  dueMs: number;
  /** A day the count went through lies in a year the calendar does not have. */
  calendarUnknown: boolean;
}

export interface WorkingInstant {
  ms: number;
  calendarUnknown: boolean;
}

export interface WorkingDayCount {
  days: number;
  calendarUnknown: boolean;
}

const DAY_MS = 86_400_000;
const SATURDAY = 6;
const SUNDAY = 0;

// A day is numbered from 1970-01-01 on Beijing's clock; campaign-clock.ts owns the offset.
const beijingDayNumber = (ms: number): number => Math.floor(campaignWallClock(ms).getTime() / DAY_MS);
/** The instant a Beijing day starts, its 00:00 in Beijing (the day overflows January as Date.UTC allows). */
const beijingDayStartMs = (dayNumber: number): number => campaignMidnight(1970, 1, 1 + dayNumber);
const isoDateOf = (dayNumber: number): string => campaignDate(beijingDayStartMs(dayNumber));
const isWeekend = (dayNumber: number): boolean => {
  const weekday = campaignWallClock(beijingDayStartMs(dayNumber)).getUTCDay();
  return weekday === SATURDAY || weekday === SUNDAY;
};

/** `YYYY-MM-DD` to a day number; a malformed day is a programming error here, the API refuses it first. */
function dayNumberOf(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const dayNumber = Math.round(
    (campaignMidnight(year ?? NaN, month ?? NaN, date ?? NaN) - campaignMidnight(1970, 1, 1)) / DAY_MS,
  );
  // 2026-02-30 would overflow into March: only a day that reads back the same is a date.
  if (!Number.isSafeInteger(dayNumber) || isoDateOf(dayNumber) !== day) throw new RangeError(`not a date: ${day}`);
  return dayNumber;
}

interface DayVerdict {
  working: boolean;
  known: boolean;
}

function judgeDay(dayNumber: number, calendar: WorkingCalendar): DayVerdict {
  const day = isoDateOf(dayNumber);
  const year = calendar.years[day.slice(0, 4)];
  if (!year) return { working: !isWeekend(dayNumber), known: false };
  if (isWeekend(dayNumber)) return { working: year.workdays.includes(day), known: true };
  return { working: !year.holidays.includes(day), known: true };
}

/**
 * Whether people work on a Beijing day: Monday to Friday unless a holiday, Saturday and Sunday only
 * as a make-up working day. In a year the calendar does not have, Monday to Friday.
 */
export const isWorkingDay = (day: string, calendar: WorkingCalendar): boolean =>
  judgeDay(dayNumberOf(day), calendar).working;

/** Whether the calendar has the year of a Beijing day (else the day is judged by weekends only). */
export const isCalendarKnown = (day: string, calendar: WorkingCalendar): boolean =>
  calendar.years[day.slice(0, 4)] !== undefined;

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a number of working days must be 0 or more: ${n}`);
}

/**
 * A deadline of `n` working days (N 个工作日): 24:00 Beijing time, that is 00:00 of the next day, of
 * the n-th working day after the day the clock starts; that day itself is not counted, whatever the
 * hour. `n = 0` is the end of the day the clock starts.
 */
export function workingDaysDue(startMs: number, n: number, calendar: WorkingCalendar): WorkingDeadline {
  assertCount(n);
  let dayNumber = beijingDayNumber(startMs);
  let counted = 0;
  let calendarUnknown = false;
  while (counted < n) {
    dayNumber += 1;
    const verdict = judgeDay(dayNumber, calendar);
    calendarUnknown ||= !verdict.known;
    if (verdict.working) counted += 1;
  }
  return { dueMs: beijingDayStartMs(dayNumber + 1), calendarUnknown };
}

/**
 * An instant on a working day stays; one on a holiday or weekend moves to the same Beijing clock time
 * on the next working day (a weekly report or reminder under `moveOffNonWorkingDays`).
 */
export function nextWorkingInstant(ms: number, calendar: WorkingCalendar): WorkingInstant {
  let days = 0;
  let verdict = judgeDay(beijingDayNumber(ms), calendar);
  let calendarUnknown = !verdict.known;
  while (!verdict.working) {
    days += 1;
    verdict = judgeDay(beijingDayNumber(ms) + days, calendar);
    calendarUnknown ||= !verdict.known;
  }
  return { ms: ms + days * DAY_MS, calendarUnknown };
}

/**
 * The working days after `fromMs`'s Beijing day up to and including `toMs`'s: the count
 * `workingDaysDue` makes, so a deadline `workingDaysDue(t, n)` ends a day where this reads `n` from `t`.
 * Zero when `toMs` falls on the same day or an earlier one.
 */
export function workingDaysBetween(fromMs: number, toMs: number, calendar: WorkingCalendar): WorkingDayCount {
  const last = beijingDayNumber(toMs);
  let days = 0;
  let calendarUnknown = false;
  for (let dayNumber = beijingDayNumber(fromMs) + 1; dayNumber <= last; dayNumber += 1) {
    const verdict = judgeDay(dayNumber, calendar);
    calendarUnknown ||= !verdict.known;
    if (verdict.working) days += 1;
  }
  return { days, calendarUnknown };
}

export interface CalendarYearProblem {
  list: 'holidays' | 'workdays';
  index: number;
  message: string;
}

/**
 * What an admin's arrangement for a year may not say: a date of another year, a date listed twice, a
 * date both a holiday and a make-up working day, a make-up working day on Monday to Friday (those are
 * working days already). A holiday on a weekend is accepted: the State Council's periods (国庆 1–7
 * October) run through weekends, and the shipped dataset lists them so; such a day is not worked either way.
 */
export function calendarYearProblems(year: number, arrangement: WorkingCalendarYear): CalendarYearProblem[] {
  const problems: CalendarYearProblem[] = [];
  const holidays = new Set(arrangement.holidays);
  for (const list of ['holidays', 'workdays'] as const) {
    const seen = new Set<string>();
    arrangement[list].forEach((day, index) => {
      const refuse = (message: string) => problems.push({ list, index, message });
      if (day.slice(0, 4) !== String(year)) refuse(`${day} is not in ${year}`);
      if (seen.has(day)) refuse(`${day} is listed twice`);
      seen.add(day);
      if (list === 'workdays' && holidays.has(day)) refuse(`${day} is also listed as a holiday`);
      if (list === 'workdays' && !isWeekend(dayNumberOf(day)))
        refuse(`${day} is a weekday, a working day already: a make-up working day falls on a Saturday or Sunday`);
    });
  }
  return problems;
}
