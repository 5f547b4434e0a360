// Checks the update validators share. A validator that throws leaves no trace in history, so every
// refusal is decided here, before a handler changes anything.
import { ApplicationFailure } from '@temporalio/workflow';
import type { CaseState } from '../../shared/case-contract';
import { CaseErrors, type CaseErrorDetails, type CaseErrorType } from '../../shared/case-errors';
import type { Actor } from '../../shared/domain/actor';
import type { CaseStatus } from '../../shared/domain/enums';

export function refuse(state: CaseState, type: CaseErrorType, message: string): never {
  const details: CaseErrorDetails = { status: state.status, seq: state.seq };
  throw ApplicationFailure.nonRetryable(message, CaseErrors[type], details);
}

function requireActor(state: CaseState, actor: Actor | undefined): Actor {
  if (!actor || typeof actor.id !== 'string' || typeof actor.role !== 'string') {
    refuse(state, 'INVALID_INPUT', 'every case action names its actor');
  }
  return actor;
}

export function requireRole(state: CaseState, actor: Actor | undefined, roles: readonly Actor['role'][]): Actor {
  const who = requireActor(state, actor);
  if (!roles.includes(who.role)) refuse(state, 'ROLE_NOT_ALLOWED', `role ${who.role} may not do this`);
  return who;
}

/** DOMAIN.md "Who does what": accept, return, report, extension and resolve are the lead unit's. */
export function requireLead(state: CaseState, actor: Actor | undefined): Actor {
  const who = requireRole(state, actor, ['unit']);
  if (who.unitId === null || who.unitId !== state.lead) {
    refuse(state, 'NOT_LEAD_UNIT', `unit ${who.unitId ?? '(none)'} does not lead case ${state.id}`);
  }
  return who;
}

export function requireCoHandler(state: CaseState, actor: Actor | undefined): Actor {
  const who = requireRole(state, actor, ['unit']);
  if (who.unitId === null || !state.coHandlers.includes(who.unitId)) {
    refuse(state, 'NOT_CO_HANDLER', `unit ${who.unitId ?? '(none)'} does not co-handle case ${state.id}`);
  }
  return who;
}

export function requireStatus(state: CaseState, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    refuse(state, 'INVALID_STATE', `cannot ${action} a case that is ${state.status}`);
  }
}

export function requireText(state: CaseState, value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') refuse(state, 'INVALID_INPUT', `${field} must be given`);
}

export function optionalText(state: CaseState, value: unknown, field: string): void {
  if (value !== undefined && value !== null) requireText(state, value, field);
}

/** An ISO-8601 instant, as milliseconds. */
export function requireInstant(state: CaseState, value: unknown, field: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) refuse(state, 'INVALID_INPUT', `${field} must be an ISO-8601 time`);
  return ms;
}
