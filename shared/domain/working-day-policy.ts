// What a policy's working-day counting needs to know, apart from the policy's zod schemas so that
// workflow code (the re-pin's condition in the case-action table, its check) can ask it too.
import type { Policy } from './policy';
import type { WorkingCalendar } from './working-days';

/** Whether a policy needs the working-day calendar pinned with it. */
export const countsWorkingDays = (policy: Policy): boolean =>
  policy.moveOffNonWorkingDays === true ||
  [
    policy.acceptWithin,
    policy.reportEvery,
    policy.reportGrace,
    policy.resolveWithin,
    policy.followUpWithin,
    policy.reworkWithin,
    policy.warnBefore,
  ].some((duration) => duration !== undefined && typeof duration !== 'string');

const yearsKey = (years: WorkingCalendar['years']): string =>
  JSON.stringify(
    Object.keys(years)
      .sort()
      .map((year) => [year, years[year]]),
  );

/**
 * Whether a re-pin would change nothing (docs/calendar.md): the same version over the same years.
 * The years count too: a newer dataset (a package upgrade) or a later year range adds years under
 * the same version number.
 */
export const samePinnedCalendar = (pinned: WorkingCalendar | undefined, next: WorkingCalendar): boolean =>
  pinned !== undefined && pinned.version === next.version && yearsKey(pinned.years) === yearsKey(next.years);
