// The campaign clock (shared/domain/campaign-clock.ts): the one zone that days, weeks, months, exports,
// ledger filters and schedules are computed on, and the arithmetic that stands in for the zone database.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config';
import {
  CAMPAIGN_TIME_ZONE,
  campaignDate,
  campaignDateTime,
  campaignDayStart,
  campaignMidnight,
} from '../../shared/domain/campaign-clock';
import { LedgerFilterSchema } from '../../api/routes/ledger-filter-parser';
import { dayPeriod, monthPeriod, periodContaining, weekPeriod } from '../../shared/supervision/periods';

describe('the campaign clock', () => {
  it('a day starts at the campaign zone midnight, 16:00 UTC the day before', () => {
    expect(campaignDayStart('2026-11-30').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(new Date(campaignMidnight(2026, 12, 1)).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(dayPeriod('2026-11-30')).toMatchObject({
      startsAt: '2026-11-29T16:00:00.000Z',
      endsAt: '2026-11-30T16:00:00.000Z',
    });
    // A second either side of that midnight falls on either day.
    expect(campaignDate('2026-11-29T15:59:59Z')).toBe('2026-11-29');
    expect(campaignDate('2026-11-29T16:00:00Z')).toBe('2026-11-30');
  });

  it('a week turns at Monday midnight and a month at the 1st, in the campaign zone, not in UTC', () => {
    const monday = Date.parse('2026-11-29T16:00:00Z'); // Monday 2026-11-30 00:00 in the campaign zone
    expect(weekPeriod('2026-W49')?.startsAt).toBe(new Date(monday).toISOString());
    expect(periodContaining('week', monday - 1).label).toBe('2026-W48');
    expect(periodContaining('week', monday).label).toBe('2026-W49');
    // New Year's Eve 20:00 UTC is already January in the campaign zone: the month and the ISO year turn.
    const newYear = Date.parse('2026-12-31T20:00:00Z');
    expect(periodContaining('month', newYear).label).toBe('2027-01');
    expect(periodContaining('week', newYear).label).toBe('2026-W53');
    expect(monthPeriod('2027-01')?.startsAt).toBe('2026-12-31T16:00:00.000Z');
  });

  it('a ledger filter day runs from its midnight to the next, on the same clock', () => {
    const filter = LedgerFilterSchema.parse({ reportedFrom: '2026-11-01', reportedTo: '2026-11-30' });
    expect(filter.reportedFrom?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(filter.reportedTo?.toISOString()).toBe(dayPeriod('2026-11-30')?.endsAt);
  });

  it('prints a time as people in the campaign read it', () => {
    expect(campaignDateTime('2026-11-30T16:05:00Z')).toBe('2026/12/01 00:05');
  });

  it("agrees with the time-zone database's own clock for the zone, hour by hour over years", () => {
    // The fixed offset stands in for the zone so workflow code needs no Intl: if the zone ever had
    // another offset in this range, a day, an export or a schedule would be off by that difference.
    const zoned = new Intl.DateTimeFormat('zh-CN', {
      timeZone: CAMPAIGN_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const HOUR = 3_600_000;
    const mismatches: string[] = [];
    for (let t = Date.parse('2020-01-01T00:00:00Z'); t < Date.parse('2031-01-01T00:00:00Z'); t += 7 * HOUR) {
      if (campaignDateTime(t) !== zoned.format(t)) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('the schedules fire on the same clock: their zone defaults to it and no other is accepted', () => {
    expect(loadConfig({}).DUBAN_SCHEDULE_TIMEZONE).toBe(CAMPAIGN_TIME_ZONE);
    expect(() => loadConfig({ DUBAN_SCHEDULE_TIMEZONE: 'Europe/Berlin' })).toThrow(
      /DUBAN_SCHEDULE_TIMEZONE: must be Asia\/Shanghai, the campaign clock's zone/,
    );
  });
});
