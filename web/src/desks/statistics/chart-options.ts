// The desk's three charts as ECharts options, from the API's answers: received vs closed over the
// recent periods, each unit's rates, and open escalations by level. Chinese labels, rates in percent
// with one decimal; horizontal bars so that long unit names stay readable.
import type { EChartsOption } from 'echarts';
import type { LedgerCounts, Statistics } from './api';
import { SHOWN_RATES } from './figures';

export interface TrendPoint {
  period: string;
  received: number;
  closed: number;
}

/** Summed over the groups: each case is in exactly one group, so the sum is the period's total. */
export function trendPoint(period: string, statistics: Statistics): TrendPoint {
  const sum = (key: string) => statistics.groups.reduce((total, group) => total + (group.counts[key] ?? 0), 0);
  return { period, received: sum('received'), closed: sum('closed') };
}

const legend = { top: 0, textStyle: { fontSize: 13 } };
/** Drawn at once, without animation: a printed page or a screenshot catches the finished chart. */
const still = { animation: false } as const;

export function trendOption(points: TrendPoint[], names: { received: string; closed: string }): EChartsOption {
  return {
    ...still,
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      { name: names.received, type: 'bar', data: points.map((p) => p.received), barMaxWidth: 28 },
      { name: names.closed, type: 'line', data: points.map((p) => p.closed), symbolSize: 8 },
    ],
  };
}

/** Height for horizontal bars: each unit a band tall enough for its series. */
export const barsHeight = (units: number, seriesCount: number) =>
  `${Math.max(260, 80 + units * Math.max(36, seriesCount * 11))}px`;

const percentLabel = (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '—');

export function ratesOption(statistics: Statistics): EChartsOption {
  const units = statistics.groups.filter((g) => g.key !== '');
  return {
    ...still,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: percentLabel },
    legend,
    grid: { left: 8, right: 32, top: 56, bottom: 24, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: units.map((g) => g.name ?? g.key) },
    series: SHOWN_RATES.map((key) => ({
      name: statistics.definitions.rates[key]?.zh ?? key,
      type: 'bar' as const,
      barMaxWidth: 10,
      // No denominator, no bar: a missing rate is not a rate of 0.
      data: units.map((g) => {
        const rate = g.rates[key];
        return rate === null ? null : Math.round(rate * 1000) / 10;
      }),
    })),
  };
}

/** The chart, and how many units it draws (none: nothing is escalated now). */
export function escalationsOption(
  levelOne: LedgerCounts,
  levelTwo: LedgerCounts,
): { option: EChartsOption; units: number } {
  const names = new Map<string, string>();
  for (const row of [...levelOne.byUnit, ...levelTwo.byUnit]) names.set(row.unitId, row.unitName ?? row.unitId);
  const leadOf = (counts: LedgerCounts, id: string) => counts.byUnit.find((row) => row.unitId === id)?.lead ?? 0;
  // A unit that only co-handles escalated cases leads none of them: the escalation is its lead's.
  const ids = [...names.keys()].filter((id) => leadOf(levelOne, id) + leadOf(levelTwo, id) > 0);
  const option: EChartsOption = {
    ...still,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid: { left: 8, right: 32, top: 40, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: '件' },
    yAxis: { type: 'category', inverse: true, data: ids.map((id) => names.get(id) ?? id) },
    series: [
      {
        name: '一级督办',
        type: 'bar',
        stack: 'level',
        color: '#e6a23c',
        data: ids.map((id) => leadOf(levelOne, id)),
        barMaxWidth: 22,
      },
      {
        name: '二级督办',
        type: 'bar',
        stack: 'level',
        color: '#f56c6c',
        data: ids.map((id) => leadOf(levelTwo, id)),
        barMaxWidth: 22,
      },
    ],
  };
  return { option, units: ids.length };
}
