// A policy's durations as the case's clocks use them: from an instant to the instant something is due.
// An ISO-8601 duration adds its length; a number of working days counts on the calendar the case pinned
// (shared/domain/working-days.ts). Pure, as the workflow runs it.
import { parseDuration } from '../../durations';
import type { PinnedPolicy, PolicyDuration } from '../policy';
import { campaignDate, campaignDayStart } from '../campaign-clock';
import { isWorkingDay, nextWorkingInstant, workingDaysDue, type WorkingCalendar } from '../working-days';

export interface DueAt {
  ms: number;
  /** The count ran through a year the pinned calendar does not have: weekends only were skipped. */
  calendarUnknown: boolean;
}

/** From the instant a clock starts to the instant it is due. */
export type DueRule = (fromMs: number) => DueAt;

// A policy that counts working days without a pinned calendar (a case reported before calendars)
// counts weekends only, and says so.
const NO_CALENDAR: WorkingCalendar = { version: 0, years: {} };

export function dueRule(duration: PolicyDuration, calendar: WorkingCalendar | undefined): DueRule {
  if (typeof duration === 'string') {
    const ms = parseDuration(duration);
    return (fromMs) => ({ ms: fromMs + ms, calendarUnknown: false });
  }
  const { workingDays } = duration;
  return (fromMs) => {
    const { dueMs, calendarUnknown } = workingDaysDue(fromMs, workingDays, calendar ?? NO_CALENDAR);
    return { ms: dueMs, calendarUnknown };
  };
}

/** The weekly report's rule: under `moveOffNonWorkingDays`, an instant on a day off moves to the next working day. */
export function reportRule(policy: PinnedPolicy): DueRule {
  const every = dueRule(policy.reportEvery, policy.calendar);
  if (policy.moveOffNonWorkingDays !== true) return every;
  const calendar = policy.calendar ?? NO_CALENDAR;
  return (fromMs) => {
    const due = every(fromMs);
    const moved = nextWorkingInstant(due.ms, calendar);
    return { ms: moved.ms, calendarUnknown: due.calendarUnknown || moved.calendarUnknown };
  };
}

/** From a deadline back to the instant its warning is due (临期预警). */
export type WarningRule = (deadlineMs: number) => number;

const DAY_MS = 86_400_000;

/**
 * `warnBefore` as a rule: an ISO-8601 duration before the deadline; `{ workingDays: n }`, the start
 * (00:00 Beijing time) of the n-th working day counted back from the deadline's own day — with 2,
 * a deadline at 24:00 on a Monday is warned of at the start of the Friday before, two working days
 * left. Null when the policy sets no warning.
 */
export function warningRule(policy: PinnedPolicy): WarningRule | null {
  const before = policy.warnBefore;
  if (before === undefined) return null;
  if (typeof before === 'string') {
    const ms = parseDuration(before);
    return (deadlineMs) => deadlineMs - ms;
  }
  const calendar = policy.calendar ?? NO_CALENDAR;
  return (deadlineMs) => {
    // The deadline's own day is the one holding its last moment (a deadline at 24:00 ends that day).
    let dayStart = campaignDayStart(campaignDate(deadlineMs - 1)).getTime();
    let counted = isWorkingDay(campaignDate(dayStart), calendar) ? 1 : 0;
    while (counted < before.workingDays) {
      dayStart -= DAY_MS;
      if (isWorkingDay(campaignDate(dayStart), calendar)) counted += 1;
    }
    return dayStart;
  };
}
