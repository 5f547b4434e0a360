import { z } from 'zod';

// Dates and times the API takes lie in the years 1900 to 2999. Outside them a value broke on its way
// in: PostgreSQL has no year 0 (a 500), JavaScript's Date.UTC reads the years 0–99 as 1900–1999 (a
// visit silently moved by centuries), and a time late in 9999 moved to UTC or Beijing has a five-digit
// year. Each rule is one pattern, not zod's z.iso formats plus a refinement, so that /openapi.json
// states it exactly.

const YEAR = '(?:19|2\\d)\\d\\d';
// Leap years in range: divisible by 4 but not by 100 (1900 is not), and 2000, 2400, 2800.
const LEAP_YEAR = '(?:(?:19|2\\d)(?:0[48]|[2468][048]|[13579][26])|2[048]00)';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const DAY = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
// As z.iso.datetime({ offset: true }): seconds required, any fraction, Z or ±hh:mm.
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
const OFFSET = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** A calendar day, `2026-11-30`. */
export const DaySchema = z.string().regex(new RegExp(`^${DAY}$`), 'must be a date, YYYY-MM-DD, from 1900 to 2999');

/** An instant with its offset, `2026-11-30T09:00:00+08:00`. */
export const InstantSchema = z
  .string()
  .regex(
    new RegExp(`^${DAY}T${TIME}${OFFSET}$`),
    'must be a time with an offset, such as 2026-11-30T09:00:00+08:00, from 1900 to 2999',
  );

/** A day (that day's Beijing midnight, where it matters) or an instant with its offset. */
export const DayOrInstantSchema = z
  .string()
  .regex(
    new RegExp(`^${DAY}(?:T${TIME}${OFFSET})?$`),
    'must be a date (2026-11-30) or a time with an offset (2026-11-30T09:00:00+08:00), from 1900 to 2999',
  );

/** An ISO week, `2026-W48`. Week 53 of a 52-week year still passes here; the period check refuses it. */
export const WeekSchema = z
  .string()
  .regex(new RegExp(`^${YEAR}-W(?:0[1-9]|[1-4]\\d|5[0-3])$`), 'must be an ISO week, e.g. 2026-W48');

/** A month, `2026-11`. */
export const MonthSchema = z.string().regex(new RegExp(`^${YEAR}-(?:0[1-9]|1[0-2])$`), 'must be a month, e.g. 2026-11');
