// 日抽查: draw the day's random sample of visits and recently closed cases to be re-checked. The
// draw is seeded by the date and stored once (activities/supervision.ts), so a second run for the
// same day, from the schedule or from `GET /v1/spot-checks`, answers the very same sample.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DailySpotCheckInput, SpotCheckDraw } from '../shared/contracts/supervision';
import { dayPeriod, lastCompletePeriod } from '../shared/supervision/periods';
import { DEFAULT_SPOT_CHECK_SETTINGS, type SpotCheckSettings } from '../shared/supervision/sampling';
import { DURABLE_RETRY } from './retry';

const { drawDailySpotCheck } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: DURABLE_RETRY,
});

function settingsOf(input: Partial<SpotCheckSettings> = {}): SpotCheckSettings {
  const d = DEFAULT_SPOT_CHECK_SETTINGS;
  return {
    visits: { ...d.visits, ...input.visits },
    cases: { ...d.cases, ...input.cases },
    closedWithinDays: input.closedWithinDays ?? d.closedWithinDays,
  };
}

/** Without a date: yesterday in Beijing as of the workflow's start, the last day whose visits are all in. */
export async function dailySpotCheckWorkflow(input?: DailySpotCheckInput | null): Promise<SpotCheckDraw> {
  const date = input?.date ?? lastCompletePeriod('day', Date.now()).label;
  if (!dayPeriod(date)) throw ApplicationFailure.nonRetryable(`date must be YYYY-MM-DD, not ${date}`, 'INVALID_PERIOD');
  return drawDailySpotCheck({ date, settings: settingsOf(input?.settings) });
}
