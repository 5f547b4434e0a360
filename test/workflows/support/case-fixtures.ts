// Inputs and actors for case workflow tests. Pure: the history-recording script uses them too.
import { randomUUID } from 'node:crypto';
import type { CaseWorkflowInput } from '../../../shared/contracts/case';
import type { Actor } from '../../../shared/domain/actor';
import { DEFAULT_POLICY } from '../../../shared/domain/policy';

export const LEAD = 'city-management';
export const CO_HANDLER = 'xingtai-street';
export const OFFICE_UNIT = 'office';
export const LEADERSHIP_UNIT = 'leadership';

export const office: Actor = { id: 'token-office', role: 'office', unitId: OFFICE_UNIT };
export const visitor: Actor = { id: 'token-visitor', role: 'visitor', unitId: null };
export const leader: Actor = { id: 'token-leader', role: 'leader', unitId: null };
export const unit = (unitId: string): Actor => ({ id: `token-${unitId}`, role: 'unit', unitId });
export const lead = unit(LEAD);
export const coHandler = unit(CO_HANDLER);

export const DAY = 86_400_000;

/** Routing that found no unit: the case waits in triage for the office. */
export const NO_ROUTE: CaseWorkflowInput['routing'] = {
  lead: null,
  coHandlers: [],
  ruleId: null,
  rulesVersion: 1,
  decidedBy: 'triage',
  candidates: [],
  explanation: [],
};

/** A case as the API would start it: routed to LEAD with CO_HANDLER, the default policy, reported by `visitor`. */
export function caseInput(overrides: Partial<CaseWorkflowInput> = {}): CaseWorkflowInput {
  const lead = overrides.routing?.lead === undefined ? LEAD : overrides.routing.lead;
  return {
    caseId: `case-${randomUUID()}`,
    kind: 'problem_clue',
    category: 'street-vending',
    title: '店外占道促销手续难办',
    description: '希望对店面宣传方面可以适当放宽',
    locality: 'xingtai',
    priority: 'normal',
    reporterId: null,
    visitId: null,
    reportedAt: new Date().toISOString(),
    reportedBy: visitor,
    routing: {
      lead,
      coHandlers: lead === null ? [] : [CO_HANDLER],
      ruleId: lead === null ? null : 'r-street',
      rulesVersion: 1,
      decidedBy: lead === null ? 'triage' : 'rule',
      candidates: [],
      explanation: [],
    },
    policy: { ...DEFAULT_POLICY, version: 1 },
    resolvedOnSpot: null,
    escalationContacts: { officeUnitId: OFFICE_UNIT, leadershipUnitId: LEADERSHIP_UNIT },
    ...overrides,
  };
}
