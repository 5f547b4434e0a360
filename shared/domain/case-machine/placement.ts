// Where a report goes the moment it is stored: closed on the spot, to triage (no route), dispatched
// at once (urgent), or queued for the next dispatch batch. The API places every new report with this
// inside its intake transaction (api/services/intake-plan.ts); case workflows started before that
// (workflows/case/intake.ts) placed it themselves, with the same steps.
import type { CaseWorkflowInput } from '../../contracts/case';
import type { DispatchBatchHeader } from '../../contracts/dispatch';
import { SYSTEM_ACTOR } from '../actor';
import type { CaseMachine } from './state';
import { closeCase, dispatchTo } from './transitions';

/** An urgent case with a lead is dispatched at intake on a one-case batch of its own. */
export const takesUrgentDispatch = (input: CaseWorkflowInput): boolean =>
  !input.resolvedOnSpot && input.routing.lead !== null && input.priority === 'urgent';

/**
 * Emits `reported` and its outcome on a case in its reported state (state.ts `reportedState`).
 * `urgentBatch` is the case's own batch when takesUrgentDispatch, opened before any snapshot makes the
 * case visible, so that no weekly batch can claim it meanwhile: a case is dispatched at most once.
 */
export function placeReported(c: CaseMachine, input: CaseWorkflowInput, urgentBatch: DispatchBatchHeader | null): void {
  const s = c.state;
  const reporter = input.reportedBy;
  c.journal.emit('reported', reporter, {
    kind: s.kind,
    category: s.category,
    locality: s.locality,
    priority: s.priority,
    reporterId: s.reporterId,
    visitId: s.visitId,
    routing: s.routing,
    policyVersion: s.policy.version,
  });
  if (input.resolvedOnSpot) {
    const { measures } = input.resolvedOnSpot;
    closeCase(c, reporter, { reason: 'on_spot', duplicateOf: null, note: null, measures });
  } else if (s.lead === null) {
    c.journal.emit('triaged', SYSTEM_ACTOR, { reason: 'no_route' });
  } else if (urgentBatch !== null) {
    dispatchTo(c, SYSTEM_ACTOR, urgentBatch);
  } else {
    s.status = 'queued';
    c.journal.emit('queued', SYSTEM_ACTOR, { lead: s.lead });
  }
}
