import { CAMPAIGN_UTC_OFFSET, campaignDate } from '../domain/campaign-clock';
import { dayPeriod } from './periods';

// When a visit happened. Field teams write dates many ways; all of them mean the campaign clock's
// calendar (shared/domain/campaign-clock.ts):
// 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日, optionally with a time (09:30 or 09:30:00),
// or an ISO-8601 time with its own offset.

export interface VisitTime {
  /** The instant: the given time, or the campaign's midnight for a bare date. */
  visitedAt: string;
  /** The day on the campaign clock. */
  visitedOn: string;
}

const LOCAL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');

export function parseVisitTime(text: string): VisitTime | null {
  const value = text.trim();
  if (WITH_OFFSET.test(value)) {
    const instant = Date.parse(value);
    if (Number.isNaN(instant)) return null;
    return { visitedAt: new Date(instant).toISOString(), visitedOn: campaignDate(instant) };
  }
  const m = LOCAL.exec(value);
  if (!m) return null;
  const day = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  if (!dayPeriod(day)) return null; // 2026-02-30
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const instant = Date.parse(`${day}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}${CAMPAIGN_UTC_OFFSET}`);
  return { visitedAt: new Date(instant).toISOString(), visitedOn: day };
}
