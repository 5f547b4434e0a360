import type { CaseEventInput, CaseState } from '../shared/case-contract';
import { recordTransition } from '../shared/db/case-store';
import type { Sql } from '../shared/db/sql';

export interface CaseEventDeps {
  sql: Sql;
}

export function createCaseEventActivities({ sql }: CaseEventDeps) {
  return {
    /** Appends the event to the audit chain and projects the snapshot; idempotent per (case, seq). */
    async recordTransition(event: CaseEventInput, snapshot: CaseState): Promise<void> {
      await recordTransition(sql, event, snapshot);
    },
  };
}
