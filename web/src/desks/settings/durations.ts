// A policy duration as a clerk reads and writes it: an ISO-8601 duration in Chinese (PT48H → 48 小时,
// P15D → 15 天, P1DT12H → 1 天 12 小时) or 「N 个工作日」 ({ workingDays: n }, counted on the working-day
// calendar, docs/calendar.md). The editor keeps a number and a unit; the API checks the result.
import type { PolicyDuration } from './api';

export type DurationUnit = 'workingDays' | 'weeks' | 'days' | 'hours' | 'minutes' | 'iso';

export interface DurationDraft {
  unit: DurationUnit;
  amount: number;
  /** For `iso`: a duration the simple units cannot say (P1DT12H), kept as typed. */
  iso: string;
}

export const UNIT_LABELS: Record<DurationUnit, string> = {
  workingDays: '个工作日',
  weeks: '周',
  days: '天',
  hours: '小时',
  minutes: '分钟',
  iso: 'ISO-8601',
};

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** P15D → 15 天; { workingDays: 15 } → 15 个工作日; what it cannot read, as it is. */
export function durationInChinese(duration: PolicyDuration | undefined): string {
  if (duration === undefined) return '未设置';
  if (typeof duration !== 'string') return `${duration.workingDays} 个工作日`;
  const match = ISO.exec(duration);
  if (!match) return duration;
  const [, weeks, days, hours, minutes, seconds] = match;
  const parts = [
    weeks && `${Number(weeks)} 周`,
    days && `${Number(days)} 天`,
    hours && `${Number(hours)} 小时`,
    minutes && `${Number(minutes)} 分钟`,
    seconds && `${Number(seconds)} 秒`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : duration;
}

/** The editor's reading of a stored duration: one simple unit when it has one, else the ISO text. */
export function draftOf(duration: PolicyDuration | undefined): DurationDraft {
  if (duration === undefined) return { unit: 'days', amount: 1, iso: '' };
  if (typeof duration !== 'string') return { unit: 'workingDays', amount: duration.workingDays, iso: '' };
  const single: Array<[RegExp, DurationUnit]> = [
    [/^P(\d+)W$/, 'weeks'],
    [/^P(\d+)D$/, 'days'],
    [/^PT(\d+)H$/, 'hours'],
    [/^PT(\d+)M$/, 'minutes'],
  ];
  for (const [pattern, unit] of single) {
    const match = pattern.exec(duration);
    if (match) return { unit, amount: Number(match[1]), iso: duration };
  }
  return { unit: 'iso', amount: 1, iso: duration };
}

/** What the API takes back. */
export function durationOf(draft: DurationDraft): PolicyDuration {
  switch (draft.unit) {
    case 'workingDays':
      return { workingDays: draft.amount };
    case 'weeks':
      return `P${draft.amount}W`;
    case 'days':
      return `P${draft.amount}D`;
    case 'hours':
      return `PT${draft.amount}H`;
    case 'minutes':
      return `PT${draft.amount}M`;
    case 'iso':
      return draft.iso.trim().toUpperCase();
  }
}

export const sameDuration = (a: PolicyDuration | undefined, b: PolicyDuration | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
