// A small city's cases, each recorded event by event as the workflow would (CaseHistory), placed so
// that each waits on exactly the desks the inbox test names. Times are days away from `now`, so the
// two-day warning window decides every case the same way however long the test takes.
import { randomUUID } from 'node:crypto';
import type { CaseState } from '../../shared/contracts/case';
import type { Sql } from '../../shared/db/sql';
import { campaignDate } from '../../shared/domain/campaign-clock';
import { CaseHistory, newCase, officeActor, unitActor, visitorActor } from '../db/helpers/cases';

const DAY = 86_400_000;

export function inboxWorld(sql: Sql, visitorId: string, now = Date.now()) {
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  const ahead = (days: number) => new Date(now + days * DAY).toISOString();
  const recorded: CaseHistory[] = [];

  const reported = (daysAgo: number, overrides: Partial<CaseState> = {}) => {
    const h = new CaseHistory(newCase({ reportedAt: ago(daysAgo), ...overrides }));
    h.reported();
    recorded.push(h);
    return h;
  };
  const assigned = (h: CaseHistory, acceptDue = ahead(1)) => {
    const lead = h.state.lead!;
    const data = { lead, coHandlers: h.state.coHandlers, previousLead: null, note: null, acceptDue };
    h.emit('assigned', data, { status: 'assigned', acceptDue }, officeActor);
    return h;
  };
  const accepted = (h: CaseHistory, { deadline = ahead(20), nextReportDue = ahead(5) } = {}) => {
    const lead = h.state.lead!;
    h.emit('accepted', { unitId: lead, deadline, nextReportDue }, { status: 'in_progress', deadline, nextReportDue });
    return h;
  };
  const working = (
    daysAgo: number,
    lead: string,
    clocks: { deadline?: string; nextReportDue?: string } = {},
    overrides: Partial<CaseState> = {},
  ) => accepted(assigned(reported(daysAgo, { lead, ...overrides })), clocks);
  const resolved = (h: CaseHistory, resolvedAt: string, followUpDue = ahead(5)) => {
    const resolution = { unitId: h.state.lead!, measures: '已清理', outcome: '已整改' };
    h.emit(
      'resolved',
      { ...resolution, followUpDue },
      {
        status: 'verifying',
        followUpDue,
        resolution: { ...resolution, resolvedAt },
      },
    );
    return h;
  };

  const noRoute = reported(9, { lead: null });
  noRoute.emit('triaged', { reason: 'no_route' }, { status: 'triage' });

  const returned = assigned(reported(8));
  returned.emit(
    'returned',
    { unitId: 'city-management', reason: '不属于本单位职责' },
    {},
    unitActor('city-management'),
  );
  returned.emit('triaged', { reason: 'returned' }, { status: 'triage', lead: null, acceptDue: null });

  const extension = working(7, 'city-management', { deadline: ahead(15) });
  const until = ahead(25);
  extension.emit('extension_requested', { requestId: 'ext-1', unitId: 'city-management', until, reason: '需协调用地' });

  const mine = { reportedBy: visitorActor(visitorId) };
  const verifying = resolved(working(6, 'city-management', {}, mine), ago(3));
  const otherVerifying = resolved(working(6, 'justice-bureau'), ago(2));

  // The city's unit co-handles it: nothing of it waits on a co-handler.
  const levelTwo = working(5, 'justice-bureau', {}, { coHandlers: ['city-management'] });
  levelTwo.emit(
    'escalated',
    { level: 2, reason: 'by_hand', notifiedUnits: ['leadership'], note: '群众反映强烈' },
    {
      escalationLevel: 2,
    },
  );
  const levelOne = working(5, 'city-management');
  levelOne.emit('escalated', { level: 1, reason: 'reports_missed', notifiedUnits: ['office'] }, { escalationLevel: 1 });

  const overdue = working(30, 'city-management', { deadline: ago(1) });
  overdue.emit('overdue', { deadline: ago(1) }, { overdue: true });

  // Reworked after a failed spot check (recorded below): the unit's rework, the office's failed check.
  const reworked = resolved(working(12, 'city-management'), ago(10));
  reworked.emit(
    'reopened',
    { reason: 'spot_check_failed', deadline: ahead(7), nextReportDue: ahead(5), note: '现场仍有占道' },
    { status: 'in_progress', deadline: ahead(7), nextReportDue: ahead(5), followUpDue: null },
    officeActor,
  );
  // A failed check made good since: resolved again after the check, then closed.
  const madeGood = resolved(working(2, 'city-management'), ago(1));
  madeGood.emit(
    'closed',
    { reason: 'resolved', duplicateOf: null, note: null, measures: null },
    {
      status: 'closed',
      closeReason: 'resolved',
      closedAt: ago(1),
    },
  );

  const toSign = assigned(reported(4), ahead(1));
  const reportSoon = working(20, 'city-management', { nextReportDue: ahead(1) });
  working(20, 'city-management', { nextReportDue: ahead(5) }); // its report is not due within the window

  // Missed once, reported, then missed twice in a row: the item dates from the first of the two.
  const reportsMissed = working(25, 'city-management', { nextReportDue: ago(20) });
  const missed = (dueAt: string, missedReports: number, nextReportDue: string) =>
    reportsMissed.emit('report_missed', { dueAt, missedReports }, { missedReports, nextReportDue });
  missed(ago(20), 1, ago(13));
  const report = { reportId: randomUUID(), unitId: 'city-management', progress: '推进中', measures: null };
  reportsMissed.emit(
    'report_submitted',
    { ...report, percentDone: 30, blockers: null, dueAt: ago(13), onTime: false, nextReportDue: ago(6) },
    { missedReports: 0 },
    unitActor('city-management'),
  );
  missed(ago(6), 1, ago(1));
  missed(ago(1), 2, ahead(6));

  const dueSoon = working(15, 'city-management', { deadline: ahead(1) });
  const justiceToSign = assigned(reported(3, { lead: 'justice-bureau' }));

  const ids = Object.fromEntries(
    Object.entries({
      noRoute,
      returned,
      extension,
      verifying,
      otherVerifying,
      levelTwo,
      levelOne,
      overdue,
      reworked,
      madeGood,
      toSign,
      reportSoon,
      reportsMissed,
      dueSoon,
      justiceToSign,
    }).map(([name, h]) => [name, h.state.id]),
  ) as Record<string, string>;

  return {
    ids,
    firstMissedDue: ago(6),
    extensionUntil: until,
    async record() {
      for (const h of recorded) await h.record(sql);
      const today = campaignDate(now);
      await sql`
        INSERT INTO spot_check_days (date, drawn_at, visit_population, case_population, settings)
        VALUES (${today}, ${new Date(now)}, 0, 2, '{}')`;
      for (const [caseId, checkedAt, position] of [
        [ids.reworked!, new Date(now - 3_600_000), 1],
        [ids.madeGood!, new Date(now - 5 * DAY), 2],
      ] as const) {
        await sql`
          INSERT INTO spot_checks (id, date, subject_type, subject_id, position, result, note, checked_at)
          VALUES (${randomUUID()}, ${today}, 'case', ${caseId}, ${position}, 'failed', '现场仍有占道', ${checkedAt})`;
      }
      for (const [subject, at] of [
        ['【系统告警】问题的操作未能保存', now - 3_600_000],
        ['【系统告警】上周的告警', now - 10 * DAY],
        ['交办通知', now - 3_600_000],
      ] as const) {
        await sql`
          INSERT INTO notifications (id, case_id, kind, level, recipient_unit_ids, subject, body, created_at)
          VALUES (${randomUUID()}, ${ids.noRoute!}, 'notice', 0, ${['office']}::text[], ${subject}, '数据库拒绝保存',
                  ${new Date(at)})`;
      }
    },
  };
}
