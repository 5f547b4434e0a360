// Builders for case snapshots and events as the case workflow emits them, so database tests can drive
// recordTransition directly, without a workflow.
import { randomUUID } from 'node:crypto';
import type { CaseState } from '../../../shared/contracts/case';
import {
  caseEvent,
  type CaseEvent,
  type CaseEventData,
  type CaseEventType,
} from '../../../shared/contracts/case-events';
import { recordTransition } from '../../../shared/db/case-store';
import type { Sql } from '../../../shared/db/sql';
import { SYSTEM_ACTOR, type Actor } from '../../../shared/domain/actor';
import { completePolicy } from '../../../shared/domain/policy';

export const visitorActor = (id: string = randomUUID()): Actor => ({ id, role: 'visitor', unitId: null });
export const officeActor: Actor = { id: 'office-token', role: 'office', unitId: 'office' };
export const unitActor = (unitId: string): Actor => ({ id: `token-${unitId}`, role: 'unit', unitId });

export function newCase(overrides: Partial<CaseState> = {}): CaseState {
  const lead = overrides.lead === undefined ? 'city-management' : overrides.lead;
  const coHandlers = overrides.coHandlers ?? [];
  const reportedAt = overrides.reportedAt ?? '2026-03-02T01:00:00.000Z';
  return {
    id: `case-${randomUUID()}`,
    status: lead === null ? 'triage' : 'queued',
    kind: 'problem_clue',
    category: 'street-vending',
    title: '店外占道促销手续难办',
    description: '希望对店面宣传方面可以适当放宽',
    locality: 'xingtai',
    priority: 'normal',
    reporterId: null,
    visitId: null,
    reportedBy: visitorActor(),
    lead,
    coHandlers,
    routing: {
      lead,
      coHandlers,
      ruleId: null,
      rulesVersion: 1,
      decidedBy: lead === null ? 'triage' : 'business_owner_default',
      candidates: [],
      explanation: [],
    },
    policy: { ...completePolicy(), version: 1 },
    dispatch: null,
    acceptDue: null,
    deadline: null,
    nextReportDue: null,
    missedReports: 0,
    overdue: false,
    escalationLevel: 0,
    calendarUnknown: false,
    dueSoon: false,
    extensions: [],
    resolution: null,
    followUpDue: null,
    closeReason: null,
    closedAt: null,
    reportedAt,
    updatedAt: reportedAt,
    seq: 0,
    ...overrides,
  };
}

/**
 * A case's history in the making: `emit` changes the state, numbers the event and returns the pair
 * recordTransition takes, exactly as the workflow's journal does.
 */
export class CaseHistory {
  readonly transitions: Array<{ event: CaseEvent; snapshot: CaseState }> = [];
  private clock: number;

  constructor(readonly state: CaseState) {
    this.clock = Date.parse(state.reportedAt);
  }

  emit<T extends CaseEventType>(
    type: T,
    data: CaseEventData[T],
    change: Partial<CaseState> = {},
    actor: Actor = SYSTEM_ACTOR,
  ): { event: CaseEvent; snapshot: CaseState } {
    this.clock += 60_000;
    const at = new Date(this.clock).toISOString();
    Object.assign(this.state, change, { seq: this.state.seq + 1, updatedAt: at });
    const event = caseEvent({ caseId: this.state.id, seq: this.state.seq, type, at, actor, data });
    const transition = { event, snapshot: structuredClone(this.state) };
    this.transitions.push(transition);
    return transition;
  }

  reported(actor: Actor = this.state.reportedBy) {
    const s = this.state;
    return this.emit(
      'reported',
      {
        kind: s.kind,
        category: s.category,
        locality: s.locality,
        priority: s.priority,
        reporterId: s.reporterId,
        visitId: s.visitId,
        routing: s.routing,
        policyVersion: s.policy.version,
      },
      {},
      actor,
    );
  }

  async record(sql: Sql): Promise<void> {
    for (const { event, snapshot } of this.transitions) await recordTransition(sql, event, snapshot);
  }
}

export const at = (iso: string, plusMinutes = 0): string =>
  new Date(Date.parse(iso) + plusMinutes * 60_000).toISOString();
