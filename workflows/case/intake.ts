// Intake as runs started before the outbox intake did it: the workflow placed its own report (the
// API now places it in its intake transaction and starts the workflow with the placed case).
import type { CaseWorkflowInput } from '../../shared/contracts/case';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { placeReported, takesUrgentDispatch } from '../../shared/domain/case-machine/placement';
import { nowIso } from '../../shared/domain/case-machine/state';
import type { CaseContext } from './context';
import { openUrgentDispatch } from './proxies';

export async function intake(c: CaseContext, input: CaseWorkflowInput): Promise<void> {
  const s = c.state;
  const urgentLead = takesUrgentDispatch(input) ? s.lead : null;
  const urgentBatch =
    urgentLead === null
      ? null
      : await openUrgentDispatch({ caseId: s.id, lead: urgentLead, requestedBy: SYSTEM_ACTOR, at: nowIso() });
  placeReported(c, input, urgentBatch);
  await c.journal.flush();
}
