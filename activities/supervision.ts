import { ApplicationFailure } from '@temporalio/common';
import { computeBulletin, loadBulletinSupervisors, storeBulletin } from '../shared/db/bulletins';
import { drawSpotCheck, NotADayError } from '../shared/db/spot-check-draw';
import type { Sql } from '../shared/db/sql';
import { bulletinNotice } from '../shared/supervision/bulletin-notice';
import type { BulletinKind, SpotCheckDraw, StoredBulletinSummary } from '../shared/contracts/supervision';
import { parsePeriod } from '../shared/supervision/periods';
import type { SpotCheckSettings } from '../shared/supervision/sampling';

export interface SupervisionDeps {
  sql: Sql;
}

/** The activities of 日抽查、周调度、月小结. Both are idempotent per period, as Temporal retries them. */
export function createSupervisionActivities({ sql }: SupervisionDeps) {
  return {
    /** Draws and stores the day's sample, or returns the one stored before. */
    async drawDailySpotCheck(input: { date: string; settings: SpotCheckSettings }): Promise<SpotCheckDraw> {
      try {
        return await drawSpotCheck(sql, input.date, input.settings);
      } catch (error) {
        if (error instanceof NotADayError) throw ApplicationFailure.nonRetryable(error.message, 'INVALID_PERIOD');
        throw error;
      }
    },

    /**
     * Computes the period's bulletin now and replaces the stored one with it; answers the notice
     * for the outbox too, which the workflow hands to `notify`.
     */
    async storeBulletin(input: { kind: BulletinKind; period: string }): Promise<StoredBulletinSummary> {
      const period = parsePeriod(input.kind === 'weekly' ? 'week' : 'month', input.period);
      if (!period) throw ApplicationFailure.nonRetryable(`not a period: ${input.period}`, 'INVALID_PERIOD');
      const bulletin = await computeBulletin(sql, input.kind, period);
      await storeBulletin(sql, bulletin);
      return {
        kind: bulletin.kind,
        period: bulletin.period,
        computedAt: bulletin.computedAt,
        units: bulletin.units.length,
        slowUnits: bulletin.slowUnits.map((u) => u.unitId),
        notice: bulletinNotice(bulletin, await loadBulletinSupervisors(sql)),
      };
    },
  };
}
