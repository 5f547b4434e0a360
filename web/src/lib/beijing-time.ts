// Every time the console shows is Beijing time (Asia/Shanghai), whatever zone the browser is in: the
// campaign's deadlines are set and read in Beijing, and a clerk travelling with a laptop must see the
// same 17:00 as the office. The shapes match the API's own Chinese sentences (docs/inbox.md `why`).

const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface BeijingParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function beijingParts(instant: string | Date): BeijingParts | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return null;
  const found: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(date)) found[type] = value;
  // Month and day without a leading zero (12月3日), whatever the formatting locale pads them to.
  return {
    year: found.year ?? '',
    month: String(Number(found.month)),
    day: String(Number(found.day)),
    hour: found.hour ?? '',
    minute: found.minute ?? '',
  };
}

/** 2026年12月3日 */
export function beijingDate(instant: string | Date | null | undefined): string {
  const p = instant ? beijingParts(instant) : null;
  return p ? `${p.year}年${p.month}月${p.day}日` : '—';
}

/** 2026年12月3日 17:00 */
export function beijingDateTime(instant: string | Date | null | undefined): string {
  const p = instant ? beijingParts(instant) : null;
  return p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}` : '—';
}

/**
 * A Beijing wall-clock time typed into a form (`2026-12-10T17:00`, as the date picker gives it) as an
 * instant with its offset, which is what the API takes. China keeps no daylight saving: always +08:00.
 */
export function beijingWallClockToInstant(wallClock: string): string {
  const withSeconds = wallClock.length === 16 ? `${wallClock}:00` : wallClock;
  return `${withSeconds}+08:00`;
}
