import { z } from 'zod';
import { findPendingExtensionId } from '../../shared/db/case-extensions';
import { findOpenInstructionIds } from '../../shared/db/case-instructions';
import type { CaseRow } from '../../shared/db/case-queries';
import type { Viewer } from '../../shared/domain/access';
import { actorOf } from '../../shared/domain/actor';
import { AllowedActionSchema } from '../../shared/domain/case-action-inputs';
import { allowedCaseActions, type CaseFacts } from '../../shared/domain/case-rules';
import { CaseViewSchema } from '../../shared/domain/case';
import { countsWorkingDays } from '../../shared/domain/working-day-policy';
import type { Db } from '../../shared/db/sql';
import { toCaseView } from '../routes/case-view';

/** A case as one caller sees it, with what that caller may do to it now (API contract v1.1). */
export const ActionableCaseViewSchema = CaseViewSchema.extend({
  calendarVersion: z
    .number()
    .int()
    .nullable()
    .describe('the version of the working-day calendar the case counts on (docs/calendar.md); null: none pinned'),
  allowedActions: z.array(AllowedActionSchema),
});
export type ActionableCaseView = z.infer<typeof ActionableCaseViewSchema>;

/** What the case-action table reads, from the read model: the workflow checks the same again. */
export async function caseFactsOfRow(db: Db, row: CaseRow): Promise<CaseFacts> {
  return {
    status: row.status,
    lead: row.leadUnitId,
    coHandlers: row.coHandlers,
    reportedBy: row.reportedBy.id,
    closeReason: row.closeReason,
    deadline: row.deadline === null ? null : row.deadline.getTime(),
    pendingExtensionId: row.status === 'in_progress' ? await findPendingExtensionId(db, row.id) : null,
    escalationLevel: row.escalationLevel,
    openInstructionIds: ['assigned', 'in_progress', 'verifying'].includes(row.status)
      ? await findOpenInstructionIds(db, row.id)
      : [],
    countsWorkingDays: countsWorkingDays(row.policy),
  };
}

export async function actionableCaseView(db: Db, row: CaseRow, viewer: Viewer): Promise<ActionableCaseView> {
  const facts = await caseFactsOfRow(db, row);
  return {
    ...toCaseView(row, viewer),
    calendarVersion: row.policy.calendar?.version ?? null,
    allowedActions: allowedCaseActions(row.id, actorOf(viewer), facts, Date.now()),
  };
}
