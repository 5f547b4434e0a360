// The office's actions (assign, close, decide an extension, dispatch, reopen) and the follow-up,
// which the office or the reporting visitor may do.
import { setHandler } from '@temporalio/workflow';
import {
  assignUpdate,
  closeUpdate,
  decideExtensionUpdate,
  dispatchUpdate,
  followUpUpdate,
  reopenUpdate,
  type AssignArgs,
  type CaseState,
  type CloseArgs,
  type DispatchArgs,
  type ExtensionDecisionArgs,
  type ExtensionRequest,
  type FollowUpArgs,
  type ReopenArgs,
} from '../../shared/case-contract';
import type { Actor } from '../../shared/domain/actor';
import { optionalText, refuse, requireRole, requireStatus, requireText } from './guards';
import { nowIso, type CaseContext } from './state';
import { assignTo, closeCase, dispatchTo, reopen } from './transitions';

const OFFICE: Actor['role'][] = ['office'];
/** The weekly dispatch schedule and the spot check run as the system; the office may do both by hand. */
const OFFICE_OR_SYSTEM: Actor['role'][] = ['office', 'system'];
const OPEN = ['triage', 'queued', 'assigned', 'in_progress', 'verifying'] as const;
const CLOSE_REASONS: ReadonlyArray<CloseArgs['reason']> = ['duplicate', 'withdrawn', 'not_actionable'];

function requireAssignment(state: CaseState, { lead, coHandlers, note }: AssignArgs): void {
  requireText(state, lead, 'lead');
  if (coHandlers !== undefined && (!Array.isArray(coHandlers) || coHandlers.some((unit) => typeof unit !== 'string'))) {
    refuse(state, 'INVALID_INPUT', 'coHandlers must be unit ids');
  }
  optionalText(state, note, 'note');
}

function requireClosing(state: CaseState, { reason, duplicateOf }: CloseArgs): void {
  if (!CLOSE_REASONS.includes(reason))
    refuse(state, 'INVALID_INPUT', `reason must be one of ${CLOSE_REASONS.join(', ')}`);
  if (reason === 'duplicate') {
    requireText(state, duplicateOf, 'duplicateOf');
    if (duplicateOf === state.id) refuse(state, 'INVALID_INPUT', 'a case cannot duplicate itself');
  }
}

function pendingRequest(state: CaseState, requestId: string): ExtensionRequest {
  const request = state.extensions.find((candidate) => candidate.requestId === requestId);
  if (!request) refuse(state, 'UNKNOWN_EXTENSION_REQUEST', `no extension request ${requestId}`);
  if (request.status !== 'pending')
    refuse(state, 'EXTENSION_ALREADY_DECIDED', `request ${requestId} was ${request.status}`);
  return request;
}

export function registerOfficeActions(c: CaseContext): void {
  const s = c.state;

  // Triage or reassignment: the new lead signs for the case and its clocks start afresh.
  setHandler(
    assignUpdate,
    async ({ actor, lead, coHandlers, note }) => {
      assignTo(c, actor, lead, coHandlers ?? s.coHandlers, note ?? null);
      return c.journal.flush();
    },
    {
      validator: (args: AssignArgs) => {
        requireRole(s, args.actor, OFFICE);
        requireStatus(s, ['triage', 'queued', 'assigned', 'in_progress'], 'assign');
        requireAssignment(s, args);
      },
    },
  );

  setHandler(
    closeUpdate,
    async ({ actor, reason, duplicateOf, note }) => {
      closeCase(c, actor, { reason, duplicateOf: duplicateOf ?? null, note: note ?? null, measures: null });
      return c.journal.flush();
    },
    {
      validator: (args: CloseArgs) => {
        requireRole(s, args.actor, OFFICE);
        requireStatus(s, OPEN, 'close');
        requireClosing(s, args);
      },
    },
  );

  // Approved: the deadline moves (and a case that was overdue is no longer, if it now lies ahead).
  setHandler(
    decideExtensionUpdate,
    async ({ actor, requestId, approve, note }) => {
      const request = pendingRequest(s, requestId);
      request.status = approve ? 'approved' : 'denied';
      request.note = note ?? null;
      request.decidedAt = nowIso();
      if (approve) {
        s.deadline = request.until;
        if (Date.parse(request.until) > Date.now()) s.overdue = false;
      }
      c.journal.emit('extension_decided', actor, {
        requestId,
        approved: approve,
        note: request.note,
        deadline: s.deadline ?? request.until,
      });
      return c.journal.flush();
    },
    {
      validator: ({ actor, requestId, approve, note }: ExtensionDecisionArgs) => {
        requireRole(s, actor, OFFICE);
        pendingRequest(s, requestId);
        requireStatus(s, ['in_progress'], 'decide an extension of');
        if (typeof approve !== 'boolean') refuse(s, 'INVALID_INPUT', 'approve must be true or false');
        optionalText(s, note, 'note');
      },
    },
  );

  // Idempotent per batch: the batch that dispatched the case asking again is answered, not refused.
  setHandler(
    dispatchUpdate,
    async ({ actor, batchId, batchNumber }) => {
      if (s.dispatch?.batchId !== batchId) dispatchTo(c, actor, { id: batchId, number: batchNumber, at: nowIso() });
      return c.journal.flush();
    },
    {
      validator: ({ actor, batchId, batchNumber }: DispatchArgs) => {
        requireRole(s, actor, OFFICE_OR_SYSTEM);
        requireText(s, batchId, 'batchId');
        if (!Number.isInteger(batchNumber)) refuse(s, 'INVALID_INPUT', 'batchNumber must be an integer');
        if (s.dispatch?.batchId === batchId) return;
        if (s.dispatch !== null) refuse(s, 'ALREADY_DISPATCHED', `dispatched by batch ${s.dispatch.batchNumber}`);
        requireStatus(s, ['queued'], 'dispatch');
        if (s.lead === null) refuse(s, 'INVALID_STATE', 'a case without a lead cannot be dispatched');
      },
    },
  );

  // A visitor may follow up only the cases from its own reports (DOMAIN.md "Who does what").
  setHandler(
    followUpUpdate,
    async ({ actor, satisfied, note }) => {
      c.journal.emit('followed_up', actor, { satisfied, note: note ?? null });
      if (satisfied) {
        const measures = s.resolution?.measures ?? null;
        closeCase(c, actor, { reason: 'resolved', duplicateOf: null, note: note ?? null, measures });
      } else {
        reopen(c, actor, 'follow_up_unsatisfied', note ?? null);
      }
      return c.journal.flush();
    },
    {
      validator: ({ actor, satisfied, note }: FollowUpArgs) => {
        const who = requireRole(s, actor, ['office', 'visitor']);
        if (who.role === 'visitor' && who.id !== s.reportedBy.id) {
          refuse(s, 'NOT_OWN_REPORT', 'a visitor follows up only the cases it reported');
        }
        requireStatus(s, ['verifying'], 'follow up');
        if (typeof satisfied !== 'boolean') refuse(s, 'INVALID_INPUT', 'satisfied must be true or false');
        optionalText(s, note, 'note');
      },
    },
  );

  setHandler(
    reopenUpdate,
    async ({ actor, reason, note }) => {
      reopen(c, actor, reason, note ?? null);
      return c.journal.flush();
    },
    {
      validator: ({ actor, reason, note }: ReopenArgs) => {
        requireRole(s, actor, OFFICE_OR_SYSTEM);
        if (reason !== 'spot_check_failed') refuse(s, 'INVALID_INPUT', 'reason must be spot_check_failed');
        requireStatus(s, ['closed'], 'reopen');
        if (s.closeReason !== 'resolved' && s.closeReason !== 'on_spot') {
          refuse(s, 'INVALID_STATE', `a case closed as ${s.closeReason ?? 'unknown'} is not reopened by a spot check`);
        }
        optionalText(s, note, 'note');
      },
    },
  );
}
