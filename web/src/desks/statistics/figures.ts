// How the desk writes figures: rates as percentages with one decimal, durations in 天/小时, and the
// figures' Chinese definitions for the tooltips. The figures themselves, and each rate's formula, are
// the API's (docs/statistics.md); the notes below only say in Chinese what its English words say.
import type { FigureDefinition, RateKey } from './api';

/** 0.8571 → 85.7%; no denominator → —. */
export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

/** Seconds as people say them: 3天4小时, 5.5小时, 12分钟, 不足1分钟. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const hours = seconds / 3600;
  if (hours >= 24) {
    const days = Math.floor(hours / 24);
    const rest = Math.round(hours - days * 24);
    return rest === 0 ? `${days}天` : `${days}天${rest}小时`;
  }
  if (hours >= 1) return `${hours.toFixed(1)}小时`;
  const minutes = Math.floor(seconds / 60);
  return minutes >= 1 ? `${minutes}分钟` : '不足1分钟';
}

/** The rates the desk shows per unit, in the order of docs/statistics.md. */
export const SHOWN_RATES: RateKey[] = [
  'closeRate',
  'onTimeCloseRate',
  'signForRate',
  'reportRate',
  'firstSatisfactionRate',
  'reworkRate',
];

export const SHOWN_COUNTS = ['received', 'assigned', 'closable', 'closed', 'closedOnTime'] as const;

export const SHOWN_SEGMENTS = ['signFor', 'handling', 'handlingExtended', 'verification'] as const;

/** What each count and segment counts, in Chinese (docs/statistics.md "Counts", "Segments"). */
const NOTES: Record<string, string> = {
  received: '本期上报的案件数（按上报时间计）',
  assigned: '本期首次交办给单位的案件数（按首次交办时间计）',
  closable: '本期交办的案件中，期末前未以重复件、撤回、无法办理关闭的案件数',
  closedOfAssigned: '本期交办的案件中，期末前已办结（办结或现场办结）的案件数',
  closedOnTimeOfAssigned: '本期交办并已办结的案件中，最后一次办结在期限内的案件数',
  closed: '本期办结的案件数：回访满意或回访期满后结案时计入（按结案时间计）',
  closedOnTime: '本期办结的案件中，最后一次办结不晚于当时期限（含批准的延期）的案件数；现场办结视为按期',
  signedOnTime: '签收不晚于交办时规定的签收时限',
  signFor: '交办 → 签收',
  handling: '签收（或重办）→ 办结，未经延期的案件',
  handlingExtended: '签收（或重办）→ 办结，经批准延期的案件',
  verification: '办结 → 回访满意结案',
};

/**
 * A figure's definition in Chinese: the note above, or for a rate its formula with every count's key
 * replaced by that count's Chinese name, as the API's definitions give it (closedOnTime ÷ closed →
 * 按期办结数 ÷ 办结数).
 */
export function definitionText(
  key: string,
  definition: FigureDefinition | undefined,
  counts: Record<string, FigureDefinition>,
): string {
  if (NOTES[key]) return NOTES[key];
  if (!definition) return '';
  return definition.formula.replace(/[A-Za-z]+/g, (word) => counts[word]?.zh ?? word);
}
