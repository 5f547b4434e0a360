// Cases told event by event at chosen Beijing times, recorded through recordTransition exactly as
// the case workflow records them, so bulletin figures can be checked against hand-computed ones.
import type { CaseState } from '../../../shared/contracts/case';
import { caseEvent, type CaseEventData, type CaseEventType } from '../../../shared/contracts/case-events';
import { recordTransition } from '../../../shared/db/case-store';
import type { Sql } from '../../../shared/db/sql';
import { SYSTEM_ACTOR, type Actor } from '../../../shared/domain/actor';
import { newCase, officeActor, unitActor } from '../../db/helpers/cases';

/** `bj('03-02 10:00')`: that Beijing wall-clock time in 2026, as an ISO instant. */
export const bj = (when: string): string => new Date(`2026-${when.replace(' ', 'T')}:00+08:00`).toISOString();

const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

export class CaseStory {
  readonly state: CaseState;

  constructor(
    private readonly sql: Sql,
    title: string,
  ) {
    this.state = newCase({ title, lead: null, status: 'triage' });
  }

  get id(): string {
    return this.state.id;
  }

  private async emit<T extends CaseEventType>(
    type: T,
    at: string,
    data: CaseEventData[T],
    change: Partial<CaseState> = {},
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<this> {
    Object.assign(this.state, change, { seq: this.state.seq + 1, updatedAt: at });
    const event = caseEvent({ caseId: this.id, seq: this.state.seq, type, at, actor, data });
    await recordTransition(this.sql, event, structuredClone(this.state));
    return this;
  }

  async reported(when: string) {
    const at = bj(when);
    Object.assign(this.state, { reportedAt: at });
    const s = this.state;
    return this.emit(
      'reported',
      at,
      {
        kind: s.kind,
        category: s.category,
        locality: s.locality,
        priority: s.priority,
        reporterId: null,
        visitId: null,
        routing: s.routing,
        policyVersion: 1,
      },
      {},
      s.reportedBy,
    );
  }

  triaged(when: string) {
    return this.emit('triaged', bj(when), { reason: 'no route' }, { status: 'triage', lead: null });
  }

  dispatched(when: string, lead: string) {
    const at = bj(when);
    const data = { batchId: `batch-${when}`, batchNumber: 1, lead, coHandlers: [], acceptDue: later(at, 1) };
    return this.emit('dispatched', at, data, { status: 'assigned', lead, acceptDue: later(at, 1) });
  }

  assigned(when: string, lead: string) {
    const at = bj(when);
    const data = { lead, coHandlers: [], previousLead: this.state.lead, note: null, acceptDue: later(at, 1) };
    return this.emit('assigned', at, data, { status: 'assigned', lead, acceptDue: later(at, 1) }, officeActor);
  }

  accepted(when: string) {
    const at = bj(when);
    const lead = this.state.lead!;
    const data = { unitId: lead, deadline: later(at, 30), nextReportDue: later(at, 7) };
    return this.emit('accepted', at, data, { status: 'in_progress', deadline: later(at, 30) }, unitActor(lead));
  }

  async returned(when: string) {
    const lead = this.state.lead!;
    await this.emit('returned', bj(when), { unitId: lead, reason: '不属于本单位职责' }, {}, unitActor(lead));
    return this.triaged(when);
  }

  reportMissed(when: string, missedReports = 1) {
    return this.emit('report_missed', bj(when), { dueAt: bj(when), missedReports }, { missedReports });
  }

  reminded(when: string, about: 'accept' | 'report') {
    return this.emit('reminder_sent', bj(when), { unitId: this.state.lead, about, dueAt: bj(when) });
  }

  escalated(when: string, reason: 'accept_late' | 'reports_missed' | 'overdue', level: 1 | 2 = 1) {
    const data = { level, reason, notifiedUnits: [this.state.lead!, 'office'] };
    return this.emit('escalated', bj(when), data, { escalationLevel: level });
  }

  async overdue(when: string) {
    await this.emit('overdue', bj(when), { deadline: this.state.deadline ?? bj(when) }, { overdue: true });
    return this.escalated(when, 'overdue');
  }

  resolved(when: string) {
    const at = bj(when);
    const lead = this.state.lead!;
    const data = { unitId: lead, measures: '已整改', outcome: '群众满意', followUpDue: later(at, 7) };
    const resolution = { unitId: lead, measures: '已整改', outcome: '群众满意', resolvedAt: at };
    return this.emit('resolved', at, data, { status: 'verifying', resolution }, unitActor(lead));
  }

  async followedUp(when: string, satisfied: boolean) {
    await this.emit('followed_up', bj(when), { satisfied, note: null }, {}, officeActor);
    if (satisfied) return this.closed(when, 'resolved');
    const at = bj(when);
    const data = {
      reason: 'follow_up_unsatisfied' as const,
      deadline: later(at, 14),
      nextReportDue: later(at, 7),
      note: null,
    };
    return this.emit('reopened', at, data, { status: 'in_progress', deadline: later(at, 14) }, officeActor);
  }

  closed(when: string, reason: 'resolved' | 'on_spot') {
    const at = bj(when);
    const data = { reason, duplicateOf: null, note: null, measures: null };
    return this.emit('closed', at, data, { status: 'closed', closeReason: reason, closedAt: at });
  }
}
