// What the system does when a clock runs out (docs/domain.md "The case lifecycle"): reminders, the
// missed-report ladder, overdue, and the follow-up reminder. All of it is recorded as the system's.
import type { CaseEventData } from '../../shared/contracts/case-events';
import { SYSTEM_ACTOR, type Actor } from '../../shared/domain/actor';
import type { Due } from './clocks';
import {
  dueSoonNotice,
  escalationNotice,
  escalationRecipients,
  reminderNotice,
} from '../../shared/domain/case-machine/notices';
import { startClock } from '../../shared/domain/case-machine/clock-starts';
import type { CaseContext } from './context';

/**
 * Raises the case to `level` and tells the ladder's recipients. The clocks escalate as the system;
 * the office may escalate by hand, with a note that travels with the event.
 */
export function escalate(
  c: CaseContext,
  level: 1 | 2,
  reason: CaseEventData['escalated']['reason'],
  byHand?: { actor: Actor; note: string },
): void {
  const notifiedUnits = escalationRecipients(c.state, level, c.contacts);
  c.state.escalationLevel = Math.max(c.state.escalationLevel, level);
  c.journal.emit(
    'escalated',
    byHand?.actor ?? SYSTEM_ACTOR,
    byHand ? { level, reason, notifiedUnits, note: byHand.note } : { level, reason, notifiedUnits },
    escalationNotice(c.state, level, reason, notifiedUnits, byHand?.note),
  );
}

function remind(c: CaseContext, about: CaseEventData['reminder_sent']['about'], to: string | null, dueAt: string) {
  c.journal.emit(
    'reminder_sent',
    SYSTEM_ACTOR,
    { unitId: to, about, dueAt },
    reminderNotice(c.state, about, to, dueAt),
  );
}

/**
 * A weekly report not in by due + grace counts as missed and the next one falls due a period
 * later. The ladder counts misses in a row: below `noticeAfterMissed` a reminder, from it a level-1
 * notice, from `leadershipAfterMissed` a level-2 escalation — again at every further miss.
 */
function reportMissed(c: CaseContext): void {
  const s = c.state;
  const dueAt = s.nextReportDue;
  if (dueAt === null) return;
  s.missedReports += 1;
  startClock(c, 'nextReportDue', 'reportEvery', Date.parse(dueAt));
  c.journal.emit('report_missed', SYSTEM_ACTOR, { dueAt, missedReports: s.missedReports });
  if (s.missedReports >= c.clock.leadershipAfterMissed) escalate(c, 2, 'reports_missed');
  else if (s.missedReports >= c.clock.noticeAfterMissed) escalate(c, 1, 'reports_missed');
  else remind(c, 'report', s.lead, dueAt);
}

/** Deadline passed: the case is overdue and goes to level 1 at once, straight to level 2 when urgent. */
function deadlinePassed(c: CaseContext): void {
  const deadline = c.state.deadline;
  if (deadline === null) return;
  c.state.overdue = true;
  c.journal.emit('overdue', SYSTEM_ACTOR, { deadline });
  escalate(c, c.state.priority === 'urgent' ? 2 : 1, 'overdue');
}

/** 临期预警: the lead unit is told the deadline is near, and the case is flagged until it moves. */
function deadlineNear(c: CaseContext): void {
  const { deadline, lead } = c.state;
  if (deadline === null) return;
  c.state.dueSoon = true;
  c.journal.emit('due_soon', SYSTEM_ACTOR, { deadline, unitId: lead }, dueSoonNotice(c.state, deadline));
}

export function fireDue(c: CaseContext, due: Due): void {
  const s = c.state;
  switch (due.action) {
    case 'accept_reminder':
      c.alerts.acceptReminded = true;
      remind(c, 'accept', s.lead, new Date(due.at).toISOString());
      return;
    case 'accept_escalation':
      c.alerts.acceptEscalated = true;
      escalate(c, 1, 'accept_late');
      return;
    case 'report_missed':
      return reportMissed(c);
    case 'overdue':
      return deadlinePassed(c);
    case 'due_soon':
      return deadlineNear(c);
    case 'follow_up_reminder':
      c.alerts.followUpReminded = true;
      remind(c, 'follow_up', c.contacts.officeUnitId, new Date(due.at).toISOString());
      return;
    case 'retire':
      return;
  }
}
