// Where each running due was counted from (`state.clockStarts`), so that a re-pinned calendar
// (docs/calendar.md) can count it again from the same instant. Every transition that sets a due by a
// policy rule goes through `startClock`; one that sets it absolutely (an approved extension, a
// leader's instruction) through `setAbsolutely`, and a re-pin keeps that due where it is.
import type { CaseState } from '../../contracts/case';
import type { ClockStart } from '../case-schema';
import { dueFrom, type CaseMachine } from './state';

/** The dues counted from a start the state must remember (the follow-up's start is `resolution.resolvedAt`). */
export type StartedClock = 'acceptDue' | 'deadline' | 'nextReportDue';
export type ClockRule = NonNullable<ClockStart>['rule'];

function remember(s: CaseState, clock: StartedClock, start: ClockStart): void {
  s.clockStarts = { ...s.clockStarts, [clock]: start };
}

/** Sets `clock` to what `rule` makes due from `fromMs` (now, unless given), and remembers the start. */
export function startClock(c: CaseMachine, clock: StartedClock, rule: ClockRule, fromMs: number = Date.now()): string {
  const due = dueFrom(c, c.clock[rule], fromMs);
  c.state[clock] = due;
  remember(c.state, clock, { rule, from: new Date(fromMs).toISOString() });
  return due;
}

/** Sets `clock` to an instant a person chose: no rule counts it, so no calendar moves it. */
export function setAbsolutely(s: CaseState, clock: StartedClock, due: string): void {
  s[clock] = due;
  remember(s, clock, null);
}
