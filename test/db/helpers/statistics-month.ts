// March 2026 in Beijing, told case by case, for the statistics tests: unit A with seven cases of every
// kind of fate, unit B with one perfect case (too few to rank), unit C with five closed on time, a case
// still in triage, and a case of February's that must count nowhere in March. docs/statistics.md
// defines each figure; the tests compute the expected ones by hand from these stories.
import type { Sql } from '../../../shared/db/sql';
import { StatisticsStory } from './statistics-story';

export const A = 'city-management';
export const B = 'justice-bureau';
export const C = 'xingtai-street';
export const H = 3600;

export async function tellMarch(sql: Sql): Promise<void> {
  const story = () => new StatisticsStory(sql);
  // a1: queued 2 h, signed for in 4 h, resolved after 192 h, satisfied at once (verification 48 h).
  const a1 = await (await story().reported('03-02 09:00')).queued('03-02 09:00', A);
  await (await (await a1.dispatched('03-02 11:00', A)).accepted('03-02 15:00')).resolved('03-10 15:00');
  await a1.followedUp('03-12 15:00', true);
  // a2: signed for late (48 h), one report on time, unsatisfied, reworked 96 h, then satisfied.
  const a2 = await (await story().reported('03-03 09:00')).dispatched('03-03 10:00', A);
  await (await (await a2.accepted('03-05 10:00')).reportSubmitted('03-12 10:00', true)).resolved('03-20 10:00');
  await (await (await a2.followedUp('03-21 10:00', false)).resolved('03-25 10:00')).followedUp('03-27 10:00', true);
  // a3: signed for in 2 h, a missed report, 10 days' extension; resolved in April, on time by the extension.
  const a3 = await (await story().reported('03-04 09:00')).dispatched('03-04 10:00', A);
  await (await (await a3.accepted('03-04 12:00')).reportMissed('03-11 12:00')).extended('03-30 10:00', 10);
  await (await a3.resolved('04-10 12:00')).closed('04-12 12:00', 'resolved');
  // a4: a duplicate, closed before anyone signed for it: not closable.
  await (await (await story().reported('03-05 09:00')).dispatched('03-05 10:00', A)).closed('03-06 10:00', 'duplicate');
  // a5: signed for in 1 h, resolved after 72 h, no follow-up: closed when the window passed (168 h).
  const a5 = await (await story().reported('03-06 09:00')).dispatched('03-06 10:00', A);
  await (await (await a5.accepted('03-06 11:00')).resolved('03-09 11:00')).closed('03-16 11:00', 'resolved');
  // a6: signed for in 10 h with 5 days to resolve; resolved late after 168 h, satisfied (24 h).
  const a6 = await (await story().reported('03-07 09:00')).dispatched('03-07 10:00', A);
  await (await (await a6.accepted('03-07 20:00', 5)).resolved('03-14 20:00')).followedUp('03-15 20:00', true);
  // a7: triaged 6 h, assigned, signed for in 18 h (on time), a missed report, still in hand.
  const a7 = await (await story().reported('03-08 09:00')).triaged('03-08 09:00');
  await (await (await a7.assigned('03-08 15:00', A)).accepted('03-09 09:00')).reportMissed('03-16 09:00');

  // b1: one perfect case.
  const b1 = await (await story().reported('03-10 09:00')).dispatched('03-10 10:00', B);
  await (await (await b1.accepted('03-10 11:00')).resolved('03-11 11:00')).followedUp('03-12 11:00', true);

  // c1…c5: each signed for in 1 h, resolved after 24 h, satisfied a day later.
  for (const day of ['11', '12', '13', '14', '15']) {
    const c = await (await story().reported(`03-${day} 09:00`)).dispatched(`03-${day} 10:00`, C);
    await (
      await (await c.accepted(`03-${day} 11:00`)).resolved(`03-${Number(day) + 1} 11:00`)
    ).followedUp(`03-${Number(day) + 2} 11:00`, true);
  }

  // Still in triage at the end of March: received, nothing else.
  await (await story().reported('03-20 09:00')).triaged('03-20 09:00');
  // All of it in February.
  const f = await (await story().reported('02-10 09:00')).dispatched('02-10 10:00', A);
  await (await (await f.accepted('02-10 11:00')).resolved('02-20 10:00')).followedUp('02-25 10:00', true);
}
