// A case told event by event at chosen Beijing times for the statistics tests, recorded through
// recordTransition as the case workflow records it. Unlike the bulletin's CaseStory it can queue, set a
// deadline, grant an extension, submit a weekly report and close for any reason: what the figures read.
import type { CaseState } from '../../../shared/contracts/case';
import { caseEvent, type CaseEventData, type CaseEventType } from '../../../shared/contracts/case-events';
import { recordTransition } from '../../../shared/db/case-store';
import type { Sql } from '../../../shared/db/sql';
import { SYSTEM_ACTOR, type Actor } from '../../../shared/domain/actor';
import type { CloseReason } from '../../../shared/domain/enums';
import { newCase, officeActor, unitActor } from './cases';

/** `bj('03-02 10:00')`: that Beijing wall-clock time in 2026, as an ISO instant. */
export const bj = (when: string): string => new Date(`2026-${when.replace(' ', 'T')}:00+08:00`).toISOString();

const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

export class StatisticsStory {
  readonly state: CaseState;

  constructor(
    private readonly sql: Sql,
    overrides: Partial<CaseState> = {},
  ) {
    this.state = newCase({ lead: null, status: 'triage', ...overrides });
  }

  async event<T extends CaseEventType>(
    type: T,
    when: string,
    data: CaseEventData[T],
    change: Partial<CaseState> = {},
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<this> {
    const at = bj(when);
    Object.assign(this.state, change, { seq: this.state.seq + 1, updatedAt: at });
    const event = caseEvent({ caseId: this.state.id, seq: this.state.seq, type, at, actor, data });
    await recordTransition(this.sql, event, structuredClone(this.state));
    return this;
  }

  reported(when: string) {
    const s = this.state;
    Object.assign(s, { reportedAt: bj(when) });
    const { kind, category, locality, priority, routing } = s;
    const data = { kind, category, locality, priority, reporterId: null, visitId: null, routing, policyVersion: 1 };
    return this.event('reported', when, data, {}, s.reportedBy);
  }

  triaged(when: string) {
    return this.event('triaged', when, { reason: 'no route' }, { status: 'triage', lead: null });
  }

  queued(when: string, lead: string) {
    return this.event('queued', when, { lead }, { status: 'queued', lead });
  }

  dispatched(when: string, lead: string) {
    const acceptDue = later(bj(when), 1);
    const data = { batchId: `batch-${when}`, batchNumber: 1, lead, coHandlers: [], acceptDue };
    return this.event('dispatched', when, data, { status: 'assigned', lead, acceptDue });
  }

  assigned(when: string, lead: string) {
    const acceptDue = later(bj(when), 1);
    const data = { lead, coHandlers: [], previousLead: this.state.lead, note: null, acceptDue };
    return this.event('assigned', when, data, { status: 'assigned', lead, acceptDue }, officeActor);
  }

  /** Signed for, with `deadlineDays` to resolve (30 by default). */
  accepted(when: string, deadlineDays = 30) {
    const lead = this.state.lead!;
    const deadline = later(bj(when), deadlineDays);
    const data = { unitId: lead, deadline, nextReportDue: later(bj(when), 7) };
    return this.event('accepted', when, data, { status: 'in_progress', deadline }, unitActor(lead));
  }

  async extended(when: string, days: number) {
    const lead = this.state.lead!;
    const requestId = `ext-${this.state.seq}`;
    const deadline = later(this.state.deadline!, days);
    await this.event('extension_requested', when, { requestId, unitId: lead, until: deadline, reason: '施工周期长' });
    const data = { requestId, approved: true, note: null, deadline };
    return this.event('extension_decided', when, data, { deadline }, officeActor);
  }

  reportSubmitted(when: string, onTime: boolean) {
    const lead = this.state.lead!;
    const data = {
      reportId: `report-${this.state.seq}`,
      unitId: lead,
      progress: '正在整改',
      measures: null,
      percentDone: 50,
      blockers: null,
      dueAt: bj(when),
      onTime,
      nextReportDue: later(bj(when), 7),
    };
    return this.event('report_submitted', when, data, {}, unitActor(lead));
  }

  reportMissed(when: string) {
    return this.event('report_missed', when, { dueAt: bj(when), missedReports: 1 }, { missedReports: 1 });
  }

  resolved(when: string) {
    const lead = this.state.lead!;
    const data = { unitId: lead, measures: '已整改', outcome: '群众满意', followUpDue: later(bj(when), 7) };
    const resolution = { unitId: lead, measures: '已整改', outcome: '群众满意', resolvedAt: bj(when) };
    return this.event('resolved', when, data, { status: 'verifying', resolution }, unitActor(lead));
  }

  /** A follow-up: satisfied closes the case as resolved, unsatisfied reopens it with 14 days more. */
  async followedUp(when: string, satisfied: boolean) {
    await this.event('followed_up', when, { satisfied, note: null }, {}, officeActor);
    if (satisfied) return this.closed(when, 'resolved');
    const deadline = later(bj(when), 14);
    const data = { reason: 'follow_up_unsatisfied' as const, deadline, nextReportDue: later(bj(when), 7), note: null };
    return this.event('reopened', when, data, { status: 'in_progress', deadline }, officeActor);
  }

  closed(when: string, reason: CloseReason) {
    const data = { reason, duplicateOf: null, note: null, measures: null };
    return this.event('closed', when, data, { status: 'closed', closeReason: reason, closedAt: bj(when) });
  }
}
