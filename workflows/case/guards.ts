// What the Update validators read from the workflow's state (refusals themselves are the state
// machine's: shared/domain/case-machine/refusals.ts).
import type { CaseState } from '../../shared/contracts/case';
import type { Actor } from '../../shared/domain/actor';
import { refuse } from '../../shared/domain/case-machine/refusals';
import type { CaseFacts } from '../../shared/domain/case-rules';
import { countsWorkingDays } from '../../shared/domain/working-day-policy';

export function requireActor(state: CaseState, actor: Actor | undefined): Actor {
  if (!actor || typeof actor.id !== 'string' || typeof actor.role !== 'string') {
    refuse(state, 'INVALID_INPUT', 'every case action names its actor');
  }
  return actor;
}

/** What the case-action table reads, from the workflow's own state. */
export const caseFactsOf = (s: CaseState): CaseFacts => ({
  status: s.status,
  lead: s.lead,
  coHandlers: s.coHandlers,
  reportedBy: s.reportedBy.id,
  closeReason: s.closeReason,
  deadline: s.deadline === null ? null : Date.parse(s.deadline),
  pendingExtensionId: s.extensions.find((request) => request.status === 'pending')?.requestId ?? null,
  escalationLevel: s.escalationLevel,
  countsWorkingDays: countsWorkingDays(s.policy),
});
