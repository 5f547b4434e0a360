// A generated week of cases (2026-W10) told event by event, and the figures its weekly bulletin must
// show, computed by hand from the stories below (docs/supervision.md defines each figure).
import { expect } from 'vitest';
import type { Sql } from '../../../shared/db/sql';
import { CaseStory } from './case-story';

export const NASTY = '<b>"危险"&单位</b>';
export const A = 'city-management';
export const B = 'justice-bureau';
export const C = 'xingtai-street';
export const D = 'qishe-town';
export const H = 3600;

/** The unit names come from the registry; the figures are what is checked. */
export const withAnyName = (u: object): object => ({ unitName: expect.any(String) as unknown, ...u });

export const zero = {
  assigned: 0,
  accepted: 0,
  pendingAccept: 0,
  inProgress: 0,
  resolved: 0,
  overdue: 0,
  missedReports: 0,
  escalations: 0,
  medianAcceptSeconds: null,
  medianResolveSeconds: null,
};

/** The week 2026-W10 is Monday 03-02 to Sunday 03-08 in Beijing; each case's story is told around it. */
export async function tellTheWeek(sql: Sql): Promise<void> {
  const story = (title: string) => new CaseStory(sql, title);
  const c1 = await story('c1 resolved in the week after a missed report').reported('02-25 09:00');
  await (await (await c1.dispatched('02-25 10:00', A)).accepted('02-26 10:00')).reportMissed('03-03 10:00');
  await c1.resolved('03-04 10:00');
  const c2 = await story('c2 accepted in the week, resolved after it').reported('03-02 09:00');
  await (await (await c2.dispatched('03-02 10:00', A)).accepted('03-02 14:00')).resolved('03-10 10:00');
  const c3 = await story('c3 never signed for').reported('03-03 09:00');
  await (
    await (await c3.dispatched('03-03 10:00', B)).reminded('03-04 10:00', 'accept')
  ).escalated('03-05 10:00', 'accept_late');
  const c4 = await story('c4 overdue in the week').reported('02-19 09:00');
  await (await (await c4.dispatched('02-20 10:00', B)).accepted('02-21 10:00')).overdue('03-04 10:00');
  const c5 = await story('c5 closed as resolved in the week').reported('03-02 09:00');
  await (await (await c5.dispatched('03-02 10:00', C)).accepted('03-03 10:00')).resolved('03-05 10:00');
  await c5.followedUp('03-06 10:00', true);
  const c6 = await story('c6 returned by one unit, taken by another').reported('03-05 09:00');
  await (await (await c6.triaged('03-05 09:00')).assigned('03-06 10:00', A)).returned('03-06 12:00');
  await (await c6.assigned('03-07 09:00', C)).accepted('03-07 11:00');
  const c7 = await story('c7 after the week').reported('03-09 09:00');
  await c7.dispatched('03-09 10:00', A);
  const c8 = await story('c8 reworked, resolved again in the week').reported('02-10 09:00');
  await (await (await c8.dispatched('02-10 10:00', D)).accepted('02-10 12:00')).resolved('02-20 10:00');
  await (await c8.followedUp('03-02 10:00', false)).resolved('03-03 10:00');
  const c9 = await story('c9 closed on the spot long before').reported('02-01 09:00');
  await c9.closed('02-01 09:30', 'on_spot');
  const c10 = await story('c10 reassigned from A to B in the week').reported('03-01 09:00');
  await (await (await c10.dispatched('03-01 10:00', A)).accepted('03-01 12:00')).assigned('03-05 10:00', B);
  const c11 = await story('c11 signed for after two days').reported('03-02 09:00');
  await (await c11.dispatched('03-02 10:00', D)).accepted('03-04 10:00');
}

/** 2026-W10 by hand: C, D and A resolve half their cases; misses, escalations, sign-for speed break the tie. */
export const expectedWeek = [
  {
    unitId: C,
    rank: 1,
    ...zero,
    assigned: 2,
    accepted: 2,
    inProgress: 1,
    resolved: 1,
    medianAcceptSeconds: 13 * H,
    medianResolveSeconds: 48 * H,
    resolutionRate: 0.5,
    slowReasons: [],
  },
  {
    unitId: D,
    rank: 2,
    ...zero,
    assigned: 1,
    accepted: 1,
    inProgress: 1,
    resolved: 1,
    medianAcceptSeconds: 48 * H,
    medianResolveSeconds: 24 * H,
    resolutionRate: 0.5,
    slowReasons: ['slow_accept'],
  },
  {
    unitId: A,
    rank: 3,
    ...zero,
    assigned: 2,
    accepted: 1,
    inProgress: 1,
    resolved: 1,
    missedReports: 1,
    medianAcceptSeconds: 4 * H,
    medianResolveSeconds: 144 * H,
    resolutionRate: 0.5,
    slowReasons: ['missed_reports'],
  },
  {
    unitId: B,
    rank: 4,
    ...zero,
    assigned: 2,
    pendingAccept: 2,
    inProgress: 1,
    overdue: 1,
    escalations: 2,
    resolutionRate: 0,
    slowReasons: ['overdue', 'escalated'],
  },
  { unitId: 'nasty', unitName: NASTY, rank: 5, ...zero, resolutionRate: null, slowReasons: [] },
];
