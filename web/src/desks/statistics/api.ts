// What the 统计与通报 desk reads from the public API (docs/statistics.md, docs/supervision.md): the
// statistics of a period, the stored weekly bulletin / monthly summary and its .xlsx, and the ledger's
// counts of escalated cases. Shapes as the API publishes them; the console declares its own copy.
import { ApiError, get } from '../../api/client';
import { chineseMessage, type Problem } from '../../api/problems';
import { currentToken } from '../../session/session';

export type PeriodKind = 'week' | 'month';
export type GroupBy = 'unit' | 'category' | 'kind' | 'locality';

export const RATE_KEYS = [
  'closeRate',
  'onTimeCloseRate',
  'signForRate',
  'reportRate',
  'firstSatisfactionRate',
  'satisfactionRate',
  'reworkRate',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export interface SegmentTimes {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface FigureDefinition {
  zh: string;
  en: string;
  formula: string;
  countedBy: string;
}

export interface StatisticsGroup {
  key: string;
  name: string | null;
  counts: Record<string, number>;
  rates: Record<RateKey, number | null>;
  segments: Record<string, SegmentTimes>;
}

export interface FairRanking {
  rule: string;
  minimumSample: number;
  ranked: Array<{
    unitId: string;
    unitName: string | null;
    rank: number;
    score: number;
    proportion: number;
    successes: number;
    sample: number;
  }>;
  insufficientSample: Array<{ unitId: string; unitName: string | null; sample: number }>;
}

export interface Statistics {
  period: PeriodKind | 'campaign';
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
  groupBy: GroupBy;
  groups: StatisticsGroup[];
  /** Every group together, counts summed and rates from the sums, as the API computes them. */
  totals: Pick<StatisticsGroup, 'counts' | 'rates'>;
  ranking: FairRanking | null;
  definitions: Record<'counts' | 'rates' | 'segments', Record<string, FigureDefinition>>;
}

export const statisticsPath = (period: PeriodKind, label: string, groupBy: GroupBy) =>
  `/v1/statistics?${new URLSearchParams({ period, from: label, groupBy }).toString()}`;

export const loadStatistics = (period: PeriodKind, label: string, groupBy: GroupBy = 'unit') =>
  get<Statistics>(statisticsPath(period, label, groupBy));

export type SlowReason = 'overdue' | 'escalated' | 'missed_reports' | 'slow_accept';

export interface BulletinUnit {
  unitId: string;
  unitName: string | null;
  assigned: number;
  accepted: number;
  pendingAccept: number;
  inProgress: number;
  resolved: number;
  overdue: number;
  missedReports: number;
  escalations: number;
  medianAcceptSeconds: number | null;
  medianResolveSeconds: number | null;
  rank: number;
  resolutionRate: number | null;
  slowReasons: SlowReason[];
}

export interface Bulletin {
  kind: 'weekly' | 'monthly';
  period: string;
  computedAt: string;
  complete: boolean;
  source: 'stored' | 'live';
  units: BulletinUnit[];
  slowUnits: Array<{ unitId: string; unitName: string | null; reasons: SlowReason[] }>;
}

/** 周调度 for a week, 月小结 for a month (docs/supervision.md). */
export function bulletinPath(period: PeriodKind, label: string, format?: 'xlsx'): string {
  const [path, key] = period === 'week' ? ['/v1/bulletins/weekly', 'week'] : ['/v1/summaries/monthly', 'month'];
  return `${path}?${new URLSearchParams({ [key]: label, ...(format ? { format } : {}) }).toString()}`;
}

export const loadBulletin = (period: PeriodKind, label: string) => get<Bulletin>(bulletinPath(period, label));

/**
 * The bulletin's .xlsx, fetched with the bearer (a plain link would carry none) and handed to the
 * browser as a download. A refusal becomes an ApiError with the Chinese message every desk shows.
 */
export async function downloadBulletinXlsx(period: PeriodKind, label: string, fileName: string): Promise<void> {
  const token = currentToken();
  const response = await fetch(bulletinPath(period, label, 'xlsx'), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch(() => null);
  if (!response?.ok) {
    const problem: Problem = { status: response?.status ?? 0 };
    throw new ApiError(problem.status, chineseMessage(problem, null), problem, {}, null);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface LedgerCounts {
  total: number;
  byUnit: Array<{ unitId: string; unitName: string | null; lead: number; open: number; overdue: number }>;
}

/** The open statuses: a clock runs against the unit, so an escalation there still waits on someone. */
export const OPEN_STATUSES = 'assigned,in_progress,verifying';

/** Open cases now at one escalation level, per unit (GET /v1/ledger/counts, scoped like the ledger). */
export const escalatedCounts = (level: 1 | 2) =>
  get<LedgerCounts>(`/v1/ledger/counts?escalationLevel=${level}&status=${OPEN_STATUSES}`);
