// 周调度、月小结: compute a week's or a month's per-unit figures, ranking and slow units, and store them
// (replacing what was stored for the period), then send it to the office, the leadership group and the
// slow units through the outbox. Started by Temporal Schedules, or by hand with a period.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  BulletinKind,
  MonthlySummaryInput,
  StoredBulletinSummary,
  WeeklyBulletinInput,
} from '../shared/contracts/supervision';
import { lastCompletePeriod, parsePeriod, type PeriodKind } from '../shared/supervision/periods';
import { DURABLE_RETRY } from './retry';

const { storeBulletin, notify } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: DURABLE_RETRY,
});

async function bulletin(kind: BulletinKind, periodKind: PeriodKind, label?: string): Promise<StoredBulletinSummary> {
  // Without a period: the last complete one as of the workflow's start, so a run on Monday morning
  // reports the week that just ended, and a run on the 1st the month that just ended.
  const period = label ?? lastCompletePeriod(periodKind, Date.now()).label;
  if (!parsePeriod(periodKind, period)) {
    throw ApplicationFailure.nonRetryable(`not a ${periodKind}: ${period}`, 'INVALID_PERIOD');
  }
  const stored = await storeBulletin({ kind, period });
  // The notice's id is the period's: a recomputed bulletin is stored anew but never notified twice.
  await notify(stored.notice);
  return stored;
}

/** 周调度: `{ week: '2026-W48' }`, or the last complete ISO week in Beijing. */
export async function weeklyBulletinWorkflow(input?: WeeklyBulletinInput | null): Promise<StoredBulletinSummary> {
  return bulletin('weekly', 'week', input?.week);
}

/** 月小结: `{ month: '2026-11' }`, or the last complete month in Beijing. */
export async function monthlySummaryWorkflow(input?: MonthlySummaryInput | null): Promise<StoredBulletinSummary> {
  return bulletin('monthly', 'month', input?.month);
}
