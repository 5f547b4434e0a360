// The campaign clock: the one time zone duban's calendar runs on. Periods (日抽查's day, 周调度's ISO
// week, 月小结's month), the days of ledger filters and exports, the wall-clock times field teams write
// and the Temporal Schedules all read it from here (docs/supervision.md).
//
// Beijing time is UTC+8 all year, with no daylight saving since 1991, so the clock is pure arithmetic on
// a fixed offset: workflow code may use it (no Intl, no time-zone database that could differ between
// workers and break replay), and a day is always 24 hours, a week always 7 days. A zone with daylight
// saving would need the time-zone database here and a zone in every workflow's input; duban serves
// campaigns in China, so it keeps one documented zone and shared/config.ts refuses schedules in another.

/** The IANA name of the campaign's zone, the only one `DUBAN_SCHEDULE_TIMEZONE` accepts. */
export const CAMPAIGN_TIME_ZONE = 'Asia/Shanghai';
/** The zone's offset as ISO-8601 writes it after a wall-clock time: `2026-11-30T09:30:00+08:00`. */
export const CAMPAIGN_UTC_OFFSET = '+08:00';

const HOUR_MS = 3_600_000;
const OFFSET_MS = 8 * HOUR_MS;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const toMs = (instant: number | string | Date) => (typeof instant === 'number' ? instant : new Date(instant).getTime());

/** The campaign's wall clock at an instant, as a Date whose UTC fields read that wall clock. */
export const campaignWallClock = (instant: number | string | Date): Date => new Date(toMs(instant) + OFFSET_MS);

/** The instant of the campaign's midnight that starts a calendar day (month 1-based; day and month may overflow). */
export const campaignMidnight = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) - OFFSET_MS;

/** The calendar day on the campaign's clock at an instant, `YYYY-MM-DD`. */
export function campaignDate(instant: number | string | Date): string {
  const wall = campaignWallClock(instant);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** The instant a bare date means: that day's midnight on the campaign's clock. `day` is `YYYY-MM-DD`. */
export const campaignDayStart = (day: string): Date => new Date(`${day}T00:00:00${CAMPAIGN_UTC_OFFSET}`);

/** A date and time as people in the campaign read them: `2026/11/30 09:30`. */
export function campaignDateTime(instant: number | string | Date): string {
  const wall = campaignWallClock(instant);
  const day = `${wall.getUTCFullYear()}/${pad(wall.getUTCMonth() + 1)}/${pad(wall.getUTCDate())}`;
  return `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** The same as a Chinese sentence writes it: `2026年12月3日 17:00`. */
export function campaignDateTimeChinese(instant: number | string | Date): string {
  const wall = campaignWallClock(instant);
  const day = `${wall.getUTCFullYear()}年${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日`;
  return `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}
