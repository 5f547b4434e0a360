// The transitions that follow a report at once: closed on the spot, triage (no route), dispatched
// (urgent), or queued for the next dispatch batch.
import type { CaseWorkflowInput } from '../../shared/contracts/case';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { openUrgentDispatch } from './proxies';
import { nowIso, type CaseContext } from './state';
import { closeCase, dispatchTo } from './transitions';

export async function intake(c: CaseContext, input: CaseWorkflowInput): Promise<void> {
  const s = c.state;
  const reporter = input.reportedBy;
  // An urgent case takes its own dispatch record before any snapshot makes it visible, so no
  // weekly batch can claim it meanwhile: a case is dispatched at most once.
  const urgentBatch =
    !input.resolvedOnSpot && s.lead !== null && s.priority === 'urgent'
      ? await openUrgentDispatch({ caseId: s.id, lead: s.lead, requestedBy: SYSTEM_ACTOR, at: nowIso() })
      : null;

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
  await c.journal.flush();
}
