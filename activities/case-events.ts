import type { CaseState } from '../shared/case-contract';
import type { CaseEvent } from '../shared/case-events';
import { recordTransition, recordTransitions, type Transition } from '../shared/db/case-store';
import type { Sql } from '../shared/db/sql';

export interface CaseEventDeps {
  sql: Sql;
}

export function createCaseEventActivities({ sql }: CaseEventDeps) {
  return {
    /**
     * Appends the event to the audit chain and projects the snapshot; idempotent per (case, seq).
     * Called by case workflows started before the batched journal (workflows/case/journal.ts).
     */
    async recordTransition(event: CaseEvent, snapshot: CaseState): Promise<void> {
      await recordTransition(sql, event, snapshot);
    },
    /** Consecutive transitions of one case in one transaction; idempotent per (case, seq). */
    async recordTransitions(transitions: Transition[]): Promise<void> {
      await recordTransitions(sql, transitions);
    },
  };
}
