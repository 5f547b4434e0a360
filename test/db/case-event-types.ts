// Compile-time checks, run by `tsc --noEmit` (no vitest file): a case event's `data` is typed by its
// `type` from the journal's emit to the projections (issue 11). Each `@ts-expect-error` below fails
// the type check the day the mistake it marks would compile again.
import { caseEvent, type CaseEvent } from '../../shared/contracts/case-events';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';

const at = '2026-03-02T01:00:00.000Z';
const event = { caseId: 'case-1', seq: 2, at, actor: SYSTEM_ACTOR };

export const wellTyped: CaseEvent[] = [
  caseEvent({ ...event, type: 'followed_up', data: { satisfied: true, note: null } }),
  // @ts-expect-error a field the event does not carry
  caseEvent({ ...event, type: 'followed_up', data: { satisfied: true, note: null, measures: 'x' } }),
  // @ts-expect-error a field of the wrong type
  caseEvent({ ...event, type: 'followed_up', data: { satisfied: 'yes', note: null } }),
  // @ts-expect-error another event type's data
  { ...event, type: 'resolved', data: { satisfied: true, note: null } },
];

/** A projection reads only what the narrowed event carries. */
export function noteOf(e: CaseEvent): string | null {
  if (e.type !== 'followed_up') return null;
  // @ts-expect-error `followed_up` carries no measures
  void e.data.measures;
  return e.data.note;
}
