// The window a statistics request covers, on the campaign clock (Beijing): from the start of the first
// week, month or day named to the end of the last. A campaign is its days, starts_on to ends_on.
import { campaignDayStart } from '../../domain/campaign-clock';
import { parsePeriod, periodContaining, type PeriodKind } from '../periods';

export type StatisticsPeriod = 'week' | 'month' | 'campaign';

export interface StatisticsWindow {
  period: StatisticsPeriod;
  from: string;
  to: string;
  /** Inclusive start and exclusive end, UTC instants. */
  startsAt: string;
  endsAt: string;
}

export type WindowResult = { window: StatisticsWindow } | { error: { path: string; message: string } };

const DAY_MS = 86_400_000;

/** `campaign` takes dates (its days); `week` and `month` take labels of their kind. */
export function resolveWindow(
  period: StatisticsPeriod,
  from: string | undefined,
  to: string | undefined,
  fallback: { now: Date; campaign: { startsOn: string; endsOn: string } | null },
): WindowResult {
  if (period === 'campaign') {
    const first = from ?? fallback.campaign?.startsOn;
    const last = to ?? (from === undefined ? fallback.campaign?.endsOn : from);
    if (!first || !last) return { error: { path: 'querystring.from', message: 'no campaign yet: give from (a date)' } };
    for (const [path, day] of [
      ['from', first],
      ['to', last],
    ] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
        return { error: { path: `querystring.${path}`, message: 'must be a date' } };
    }
    if (last < first) return { error: { path: 'querystring.to', message: 'must not be before from' } };
    const startsAt = campaignDayStart(first).toISOString();
    const endsAt = new Date(campaignDayStart(last).getTime() + DAY_MS).toISOString();
    return { window: { period, from: first, to: last, startsAt, endsAt } };
  }
  const kind: PeriodKind = period;
  const start = from === undefined ? periodContaining(kind, fallback.now.getTime()) : parsePeriod(kind, from);
  if (!start) return { error: { path: 'querystring.from', message: `must be a ${period}` } };
  const end = to === undefined ? start : parsePeriod(kind, to);
  if (!end) return { error: { path: 'querystring.to', message: `must be a ${period}` } };
  if (end.startsAt < start.startsAt) return { error: { path: 'querystring.to', message: 'must not be before from' } };
  return { window: { period, from: start.label, to: end.label, startsAt: start.startsAt, endsAt: end.endsAt } };
}
