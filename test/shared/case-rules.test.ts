// The case-action table on its own, without Temporal or a database: who may take each action, in
// which statuses, what else must hold, and what a caller is offered as `allowedActions`.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor';
import {
  CASE_ACTIONS,
  actionAt,
  allowedCaseActions,
  caseActionRefusal,
  isReopenable,
  rolesFor,
  type CaseFacts,
} from '../../shared/domain/case-rules';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

const lead: Actor = { id: 't-lead', role: 'unit', unitId: 'city-management' };
const coHandler: Actor = { id: 't-co', role: 'unit', unitId: 'xingtai-street' };
const stranger: Actor = { id: 't-other', role: 'unit', unitId: 'justice-bureau' };
const office: Actor = { id: 't-office', role: 'office', unitId: 'office' };
const leader: Actor = { id: 't-leader', role: 'leader', unitId: null };
const reporter: Actor = { id: 't-visitor', role: 'visitor', unitId: null };
const otherVisitor: Actor = { id: 't-visitor-2', role: 'visitor', unitId: null };
const system: Actor = { id: 'duban', role: 'system', unitId: null };

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'in_progress',
  lead: 'city-management',
  coHandlers: ['xingtai-street'],
  reportedBy: 't-visitor',
  closeReason: null,
  deadline: NOW + 10 * DAY,
  pendingExtensionId: null,
  escalationLevel: 0,
  ...overrides,
});

const refusalOf = (action: Parameters<typeof caseActionRefusal>[0], actor: Actor, c: CaseFacts) =>
  caseActionRefusal(action, actor, c, NOW)?.type ?? null;

describe('the case-action table', () => {
  it('names every action once, each with at least one party and one status', () => {
    expect(new Set(CASE_ACTIONS).size).toBe(CASE_ACTIONS.length);
    for (const action of CASE_ACTIONS) expect(rolesFor(action).length).toBeGreaterThan(0);
  });

  it('refuses a role that may never take the action (ROLE_NOT_ALLOWED), before looking at the case', () => {
    expect(refusalOf('accept', leader, facts({ status: 'assigned' }))).toBe('ROLE_NOT_ALLOWED');
    expect(refusalOf('assign', lead, facts())).toBe('ROLE_NOT_ALLOWED');
    expect(refusalOf('close', office, facts({ status: 'closed' }))).toBe('INVALID_STATE');
    expect(refusalOf('close', leader, facts({ status: 'closed' }))).toBe('ROLE_NOT_ALLOWED');
    expect(refusalOf('reopen', reporter, facts({ status: 'closed', closeReason: 'resolved' }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('tells a unit or visitor without the relation which relation it lacks', () => {
    expect(refusalOf('accept', stranger, facts({ status: 'assigned' }))).toBe('NOT_LEAD_UNIT');
    expect(refusalOf('accept', coHandler, facts({ status: 'assigned' }))).toBe('NOT_LEAD_UNIT');
    expect(refusalOf('contribute', lead, facts())).toBe('NOT_CO_HANDLER');
    expect(refusalOf('followUp', otherVisitor, facts({ status: 'verifying' }))).toBe('NOT_OWN_REPORT');
    expect(refusalOf('followUp', reporter, facts({ status: 'verifying' }))).toBeNull();
  });

  it('checks the status after the caller (INVALID_STATE)', () => {
    expect(refusalOf('accept', lead, facts({ status: 'queued' }))).toBe('INVALID_STATE');
    expect(refusalOf('accept', lead, facts({ status: 'assigned' }))).toBeNull();
    expect(refusalOf('dispatch', system, facts({ status: 'queued' }))).toBeNull();
    expect(refusalOf('dispatch', system, facts({ status: 'assigned' }))).toBe('INVALID_STATE');
  });

  it('asks for an extension only before the deadline and one at a time', () => {
    expect(refusalOf('requestExtension', lead, facts())).toBeNull();
    expect(refusalOf('requestExtension', lead, facts({ deadline: NOW - 1 }))).toBe('EXTENSION_NOT_BEFORE_DEADLINE');
    expect(refusalOf('requestExtension', lead, facts({ pendingExtensionId: 'r1' }))).toBe('EXTENSION_ALREADY_PENDING');
  });

  it('reopens only a case closed as resolved or on the spot', () => {
    for (const closeReason of ['resolved', 'on_spot'] as const) {
      expect(isReopenable({ status: 'closed', closeReason })).toBe(true);
      expect(refusalOf('reopen', system, facts({ status: 'closed', closeReason }))).toBeNull();
    }
    for (const closeReason of ['duplicate', 'withdrawn', 'not_actionable'] as const) {
      expect(isReopenable({ status: 'closed', closeReason })).toBe(false);
      expect(refusalOf('reopen', office, facts({ status: 'closed', closeReason }))).toBe('INVALID_STATE');
    }
  });

  it('escalates by hand only below leadership level', () => {
    expect(refusalOf('escalate', office, facts({ escalationLevel: 1 }))).toBeNull();
    expect(refusalOf('escalate', office, facts({ escalationLevel: 2 }))).toBe('INVALID_STATE');
  });

  it("sends a POST to /reports as the lead's report or a co-handler's contribution", () => {
    expect(actionAt('reports', lead, facts())).toBe('report');
    expect(actionAt('reports', coHandler, facts())).toBe('contribute');
    // Neither: the first action's refusal is what the caller hears.
    expect(actionAt('reports', stranger, facts())).toBe('report');
  });
});

describe('allowedActions', () => {
  const allowed = (actor: Actor, c: CaseFacts) =>
    allowedCaseActions('case-1', actor, c, NOW).map(({ action, path }) => `${action} ${path}`);

  it('offers the lead an acknowledgement per open instruction, by its id, and nobody else one', () => {
    const open = facts({ status: 'verifying', openInstructionIds: ['ins-1', 'ins-2'] });
    expect(allowed(lead, open)).toEqual([
      'acknowledgeInstruction /v1/cases/case-1/instructions/ins-1/ack',
      'acknowledgeInstruction /v1/cases/case-1/instructions/ins-2/ack',
    ]);
    expect(allowed(coHandler, open)).toEqual([]);
  });

  it('offers the lead its own work and nothing of the office', () => {
    expect(allowed(lead, facts())).toEqual([
      'report /v1/cases/case-1/reports',
      'requestExtension /v1/cases/case-1/extension-requests',
      'resolve /v1/cases/case-1/resolve',
    ]);
    expect(allowed(lead, facts({ status: 'assigned' }))).toEqual([
      'accept /v1/cases/case-1/accept',
      'return /v1/cases/case-1/return',
    ]);
  });

  it('offers the office the decision on the pending request, by its id, and never a system action', () => {
    expect(allowed(office, facts({ pendingExtensionId: 'req-7' }))).toEqual([
      'decideExtension /v1/cases/case-1/extension-requests/req-7/decision',
      'assign /v1/cases/case-1/assign',
      'close /v1/cases/case-1/close',
      'escalate /v1/cases/case-1/escalate',
    ]);
    expect(allowed(office, facts({ status: 'queued' }))).toEqual([
      'assign /v1/cases/case-1/assign',
      'close /v1/cases/case-1/close',
    ]);
  });

  it('offers the office a re-pin of an open case whose policy counts working days, and nobody else one', () => {
    for (const status of ['triage', 'queued', 'assigned', 'in_progress', 'verifying'] as const) {
      expect(allowed(office, facts({ status, countsWorkingDays: true }))).toContain(
        'repinCalendar /v1/cases/case-1/calendar',
      );
      expect(allowed(office, facts({ status }))).not.toContain('repinCalendar /v1/cases/case-1/calendar');
    }
    const counting = facts({ countsWorkingDays: true });
    expect(refusalOf('repinCalendar', office, facts())).toBe('POLICY_COUNTS_NO_WORKING_DAYS');
    expect(refusalOf('repinCalendar', office, { ...counting, status: 'closed' })).toBe('INVALID_STATE');
    for (const actor of [lead, coHandler, leader, reporter, system])
      expect(refusalOf('repinCalendar', actor, counting)).toBe('ROLE_NOT_ALLOWED');
  });

  it('offers a leader only an instruction on an open case, and a reporting visitor only its follow-up', () => {
    for (const status of ['triage', 'queued', 'assigned', 'in_progress', 'verifying'] as const) {
      expect(allowed(leader, facts({ status }))).toEqual(['instruct /v1/cases/case-1/instructions']);
    }
    expect(allowed(leader, facts({ status: 'closed' }))).toEqual([]);
    expect(allowed(reporter, facts({ status: 'verifying' }))).toEqual(['followUp /v1/cases/case-1/follow-up']);
    expect(allowed(otherVisitor, facts({ status: 'verifying' }))).toEqual([]);
  });
});
