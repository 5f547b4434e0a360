// Working days (docs/calendar.md, shared/domain/working-days.ts): deadlines of N 个工作日 on Beijing
// days, over the State Council's real arrangements as the shipped dataset carries them.
import { describe, expect, it } from 'vitest';
import { datasetYear } from '../../shared/db/calendar-dataset';
import {
  isCalendarKnown,
  isWorkingDay,
  nextWorkingInstant,
  workingDaysBetween,
  workingDaysDue,
  type WorkingCalendar,
  type WorkingCalendarYear,
} from '../../shared/domain/working-days';

/** A wall-clock time in Beijing as an instant. */
const beijing = (wallClock: string): number => Date.parse(`${wallClock}+08:00`);
const shipped = (year: number): WorkingCalendarYear => {
  const arrangement = datasetYear(year);
  if (!arrangement) throw new Error(`the dataset has no ${year}`);
  return arrangement;
};
const calendarOf = (years: Record<string, WorkingCalendarYear>, version = 0): WorkingCalendar => ({ version, years });
const cal2026 = calendarOf({ '2025': shipped(2025), '2026': shipped(2026) });
const due = (start: string, n: number, calendar = cal2026) => workingDaysDue(beijing(start), n, calendar);

describe('the shipped dataset', () => {
  it('carries the 2026 National Day week as announced: 1–7 October off, Sunday 20 September and Saturday 10 October worked', () => {
    const { holidays, workdays } = shipped(2026);
    expect(holidays.filter((day) => day.startsWith('2026-10'))).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('makes 2026 a year of 248 working days: 365 less 104 weekend days less the 13 statutory holidays', () => {
    const count = workingDaysBetween(beijing('2025-12-31T12:00:00'), beijing('2026-12-31T12:00:00'), cal2026);
    expect(count).toEqual({ days: 248, calendarUnknown: false });
  });
});

describe('which days are worked', () => {
  it('Monday to Friday unless a holiday; a weekend only as a make-up working day', () => {
    expect(isWorkingDay('2026-09-29', cal2026)).toBe(true); // Tuesday
    expect(isWorkingDay('2026-10-01', cal2026)).toBe(false); // Thursday, National Day
    expect(isWorkingDay('2026-10-03', cal2026)).toBe(false); // Saturday inside the holiday
    expect(isWorkingDay('2026-10-10', cal2026)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-10-11', cal2026)).toBe(false); // Sunday
    expect(isWorkingDay('2026-09-20', cal2026)).toBe(true); // Sunday, 调休
  });

  it('in a year the calendar lacks, Monday to Friday, and it says so', () => {
    expect(isCalendarKnown('2027-01-01', cal2026)).toBe(false);
    expect(isWorkingDay('2027-01-01', cal2026)).toBe(true); // a Friday; New Year's Day is unknown here
    expect(isWorkingDay('2027-01-02', cal2026)).toBe(false);
    expect(isCalendarKnown('2026-12-31', cal2026)).toBe(true);
  });

  it('refuses what is not a date rather than guess', () => {
    expect(() => isWorkingDay('2026-02-30', cal2026)).toThrow(RangeError);
    expect(() => isWorkingDay('20261001', cal2026)).toThrow(RangeError);
  });
});

describe('a deadline of N working days', () => {
  it('5 working days from Tuesday 29 September 2026 skip the National Day week, count the make-up Saturday and end Monday 12 October at 24:00', () => {
    // 30 Sep (1), 1–7 Oct off, 8 Oct (2), 9 Oct (3), Saturday 10 Oct (4), Sunday off, Monday 12 Oct (5).
    expect(due('2026-09-29T10:00:00', 5)).toEqual({ dueMs: beijing('2026-10-13T00:00:00'), calendarUnknown: false });
    // By weekends alone the same clock would have run out inside the holiday, on 7 October.
    expect(due('2026-09-29T10:00:00', 5, calendarOf({}))).toEqual({
      dueMs: beijing('2026-10-07T00:00:00'),
      calendarUnknown: true,
    });
  });

  it('the day the clock starts is not counted, whatever its hour; the next Beijing day is', () => {
    const lastSecond = Date.parse('2026-09-29T15:59:59Z'); // 23:59:59 on 29 September in Beijing
    expect(workingDaysDue(lastSecond, 5, cal2026).dueMs).toBe(beijing('2026-10-13T00:00:00'));
    const midnight = Date.parse('2026-09-29T16:00:00Z'); // 00:00 on 30 September in Beijing
    expect(workingDaysDue(midnight, 5, cal2026).dueMs).toBe(beijing('2026-10-14T00:00:00'));
  });

  it('a clock started on the make-up Saturday does not count that Saturday: 5 working days end Friday 16 October', () => {
    expect(due('2026-10-10T09:00:00', 5)).toEqual({ dueMs: beijing('2026-10-17T00:00:00'), calendarUnknown: false });
  });

  it('a clock started on Saturday 3 October, inside the holiday, counts from 8 October and ends Tuesday 13 October', () => {
    // 8 Oct (1), 9 Oct (2), Saturday 10 Oct (3), 12 Oct (4), 13 Oct (5).
    expect(due('2026-10-03T15:00:00', 5)).toEqual({ dueMs: beijing('2026-10-14T00:00:00'), calendarUnknown: false });
  });

  it('a make-up Sunday before the holiday is worked: 1 working day from Saturday 19 September is Sunday 20 September', () => {
    expect(due('2026-09-19T11:00:00', 1).dueMs).toBe(beijing('2026-09-21T00:00:00'));
  });

  it('the Spring Festival 2026: the make-up Saturday before it counts, the nine days off do not', () => {
    // Friday 13 Feb (1), Saturday 14 Feb 调休 (2), 15–23 Feb off, Tuesday 24 Feb (3).
    expect(due('2026-02-12T18:30:00', 3).dueMs).toBe(beijing('2026-02-25T00:00:00'));
    // Tuesday 24 Feb (1) … Friday 27 Feb (4), Saturday 28 Feb 调休 (5).
    expect(due('2026-02-23T09:00:00', 5).dueMs).toBe(beijing('2026-03-01T00:00:00'));
  });

  it('n = 0 ends the day the clock starts; n = 1 is the next working day; a negative n is refused', () => {
    expect(due('2026-10-03T15:00:00', 0)).toEqual({ dueMs: beijing('2026-10-04T00:00:00'), calendarUnknown: false });
    expect(due('2026-09-30T08:00:00', 1).dueMs).toBe(beijing('2026-10-09T00:00:00'));
    expect(due('2026-10-09T17:00:00', 1).dueMs).toBe(beijing('2026-10-11T00:00:00'));
    expect(() => due('2026-10-09T17:00:00', -1)).toThrow(RangeError);
    expect(() => due('2026-10-09T17:00:00', 1.5)).toThrow(RangeError);
  });
});

describe('across the end of a year', () => {
  it('counts into the next year on its own arrangement: New Year 2026 off, Sunday 4 January worked', () => {
    // Wednesday 31 Dec (1), 1–3 Jan off, Sunday 4 Jan 调休 (2), Monday 5 Jan (3).
    expect(due('2025-12-30T10:00:00', 3)).toEqual({ dueMs: beijing('2026-01-06T00:00:00'), calendarUnknown: false });
  });

  it('into a year the calendar lacks, falls back to weekends only and flags calendarUnknown', () => {
    // The dataset has no 2027 yet: Friday 1 January counts as a working day.
    expect(due('2026-12-30T10:00:00', 5)).toEqual({ dueMs: beijing('2027-01-07T00:00:00'), calendarUnknown: true });
    // A deadline that ends before the unknown year is not flagged.
    expect(due('2026-12-29T10:00:00', 2)).toEqual({ dueMs: beijing('2027-01-01T00:00:00'), calendarUnknown: false });
  });

  it('once the year is entered, the same clock skips its holiday and is no longer flagged', () => {
    const with2027 = calendarOf({ ...cal2026.years, '2027': { holidays: ['2027-01-01'], workdays: [] } }, 7);
    expect(due('2026-12-30T10:00:00', 5, with2027)).toEqual({
      dueMs: beijing('2027-01-08T00:00:00'),
      calendarUnknown: false,
    });
  });
});

describe('moving an instant off a non-working day', () => {
  const next = (wallClock: string, calendar = cal2026) => nextWorkingInstant(beijing(wallClock), calendar);

  it('a working day keeps its instant, the make-up Saturday included', () => {
    expect(next('2026-09-29T09:00:00')).toEqual({ ms: beijing('2026-09-29T09:00:00'), calendarUnknown: false });
    expect(next('2026-10-10T09:00:00')).toEqual({ ms: beijing('2026-10-10T09:00:00'), calendarUnknown: false });
  });

  it('a holiday or weekend moves to the same Beijing clock time on the next working day', () => {
    expect(next('2026-10-01T09:00:00').ms).toBe(beijing('2026-10-08T09:00:00'));
    expect(next('2026-10-04T23:30:00').ms).toBe(beijing('2026-10-08T23:30:00'));
    expect(next('2026-10-11T00:00:00').ms).toBe(beijing('2026-10-12T00:00:00'));
    expect(next('2026-02-15T17:00:00').ms).toBe(beijing('2026-02-24T17:00:00'));
  });

  it('in a year the calendar lacks, weekends only, flagged', () => {
    expect(next('2027-01-02T09:00:00')).toEqual({ ms: beijing('2027-01-04T09:00:00'), calendarUnknown: true });
    expect(next('2027-01-01T09:00:00')).toEqual({ ms: beijing('2027-01-01T09:00:00'), calendarUnknown: true });
  });
});

describe('counting working days between two instants', () => {
  it('counts the days after the first up to the second, as a deadline does', () => {
    expect(workingDaysBetween(beijing('2026-09-29T10:00:00'), beijing('2026-10-12T08:00:00'), cal2026)).toEqual({
      days: 5,
      calendarUnknown: false,
    });
    expect(workingDaysBetween(beijing('2026-10-12T10:00:00'), beijing('2026-10-12T08:00:00'), cal2026).days).toBe(0);
    expect(workingDaysBetween(beijing('2026-12-31T10:00:00'), beijing('2027-01-04T08:00:00'), cal2026)).toEqual({
      days: 2,
      calendarUnknown: true,
    });
  });

  it('agrees with every deadline started on any day of 2026, for 0 to 20 working days', () => {
    const disagreements: string[] = [];
    for (let day = 0; day < 365; day += 1) {
      const start = beijing('2026-01-01T14:00:00') + day * 86_400_000;
      for (let n = 0; n <= 20; n += 1) {
        const { dueMs } = workingDaysDue(start, n, cal2026);
        const lastDay = new Date(dueMs - 1 + 8 * 3_600_000).toISOString().slice(0, 10);
        const counted = workingDaysBetween(start, dueMs - 1, cal2026).days;
        // The deadline's own day is a working day (but for n = 0, the start's day, whatever it is).
        if (counted !== n || (n > 0 && !isWorkingDay(lastDay, cal2026)))
          disagreements.push(`${new Date(start).toISOString()} + ${n}: ${counted} by ${lastDay}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
