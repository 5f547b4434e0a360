// The office re-pins a running case to the calendar in force now (docs/calendar.md, "Re-pinning"). The
// API loads that calendar and sends it in the Update's input, so this code counts on what the history
// holds. New in v1.1: no run recorded before it ever received this Update, so it needs no patch.
import type { CaseState } from '../../shared/contracts/case';
import type { CaseEventData } from '../../shared/contracts/case-events';
import type { StartedClock } from '../../shared/domain/case-machine/clock-starts';
import { calendarRepinnedNotice } from '../../shared/domain/case-machine/notices';
import { refuse } from '../../shared/domain/case-machine/refusals';
import { policyClock } from '../../shared/domain/case-machine/state';
import { clearDueSoon } from '../../shared/domain/case-machine/transitions';
import type { WorkingCalendar } from '../../shared/domain/working-days';
import { samePinnedCalendar } from '../../shared/domain/working-day-policy';
import type { ActionDefinition } from './actions';
import type { CaseContext } from './context';

type Repinned = CaseEventData['calendar_repinned'];

const isCalendar = (value: unknown): value is WorkingCalendar =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as WorkingCalendar).version) &&
  typeof (value as WorkingCalendar).years === 'object' &&
  (value as WorkingCalendar).years !== null;

/**
 * The case's clock is rebuilt whenever its pinned policy changes, from the first re-pin on: a re-pin
 * whose event PostgreSQL refuses is undone by the journal putting the old state back in place
 * (journal.ts `undo`), and the clock must then count on the old calendar again.
 */
function clockFollowsPolicy(c: CaseContext): void {
  if (Object.getOwnPropertyDescriptor(c, 'clock')?.get) return;
  let policy = c.state.policy;
  let clock = c.clock;
  Object.defineProperty(c, 'clock', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (c.state.policy !== policy) {
        policy = c.state.policy;
        clock = policyClock(policy);
      }
      return clock;
    },
  });
}

interface Recount extends Pick<Repinned, 'moved' | 'kept'> {
  /** A due counted again ran past the new calendar. */
  calendarUnknown: boolean;
}

/**
 * Counts every running due again on the case's (new) clock from where it started; a due set
 * absolutely or started before starts were recorded stays. Only the status's own clocks run.
 */
function recount(c: CaseContext, warnedAt: number | null): Recount {
  const s = c.state;
  const result: Recount = { moved: [], kept: [], calendarUnknown: false };
  const move = (clock: Repinned['moved'][number]['clock'], from: string, toMs: number): string => {
    const to = new Date(toMs).toISOString();
    if (to !== from) result.moved.push({ clock, from, to });
    return to;
  };
  const again = (clock: StartedClock): void => {
    const due = s[clock];
    if (due === null) return;
    const start = s.clockStarts?.[clock];
    if (start === undefined || start === null) {
      result.kept.push({ clock, due, why: start === null ? 'set_absolutely' : 'start_unknown' });
      return;
    }
    const next = c.clock[start.rule](Date.parse(start.from));
    result.calendarUnknown ||= next.calendarUnknown;
    s[clock] = move(clock, due, next.ms);
  };
  switch (s.status) {
    case 'assigned':
      again('acceptDue');
      break;
    case 'in_progress': {
      again('deadline');
      again('nextReportDue');
      const warn = c.clock.warnBefore;
      if (warnedAt !== null && warn !== null && s.deadline !== null && !s.overdue && s.dueSoon !== true)
        move('dueSoonAt', new Date(warnedAt).toISOString(), warn(Date.parse(s.deadline)));
      break;
    }
    case 'verifying': {
      const resolvedAt = s.resolution?.resolvedAt;
      if (s.followUpDue === null || resolvedAt === undefined) break;
      const next = c.clock.followUpWithin(Date.parse(resolvedAt));
      result.calendarUnknown ||= next.calendarUnknown;
      s.followUpDue = move('followUpDue', s.followUpDue, next.ms);
      break;
    }
    case 'triage':
    case 'queued':
    case 'closed':
      // No clock runs: the next one starts on the new calendar.
      break;
  }
  return result;
}

/** When the 临期预警 is due before the deadline in force, on the clock as it is. */
const warningAt = (c: CaseContext): number | null => {
  const warn = c.clock.warnBefore;
  return warn === null || c.state.deadline === null ? null : warn(Date.parse(c.state.deadline));
};

export const repinCalendar: ActionDefinition<'repinCalendar'> = {
  guard: (s: CaseState, { calendar }) => {
    if (!isCalendar(calendar)) refuse(s, 'INVALID_INPUT', 'a re-pin carries the calendar in force');
    if (samePinnedCalendar(s.policy.calendar, calendar))
      refuse(s, 'CALENDAR_ALREADY_PINNED', `the case counts on calendar version ${calendar.version} already`);
  },
  apply: (c, { actor, calendar, reason }) => {
    const s = c.state;
    const fromVersion = s.policy.calendar?.version ?? null;
    const deadlineBefore = s.deadline;
    const warnedAt = warningAt(c);
    clockFollowsPolicy(c);
    s.policy = { ...s.policy, calendar };
    const { moved, kept, calendarUnknown } = recount(c, warnedAt);
    // A due that was not counted again may have been flagged by its own count: the flag stays.
    const flagged = calendarUnknown || (kept.length > 0 && s.calendarUnknown === true);
    if (flagged || s.calendarUnknown !== undefined) s.calendarUnknown = flagged;
    if (s.deadline !== deadlineBefore) {
      // A new deadline is warned of afresh, and one that now lies ahead is no longer overdue.
      clearDueSoon(s);
      if (s.overdue && Date.parse(s.deadline!) > Date.now()) s.overdue = false;
    }
    const versions = { fromVersion, toVersion: calendar.version };
    // The follow-up is the office's own duty: the lead hears only of its own dues.
    const leads = moved.filter((due) => due.clock !== 'followUpDue');
    c.journal.emit(
      'calendar_repinned',
      actor,
      { ...versions, reason: reason ?? null, moved, kept },
      leads.length > 0 && s.lead !== null ? calendarRepinnedNotice(s, versions, leads) : undefined,
    );
  },
};
