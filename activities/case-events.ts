import { ApplicationFailure, log } from '@temporalio/activity';
import type { CaseState } from '../shared/contracts/case';
import { JOURNAL_WRITE_REJECTED } from '../shared/contracts/case-errors';
import type { CaseEvent } from '../shared/contracts/case-events';
import { recordTransition, recordTransitions, unstorableCause, type Transition } from '../shared/db/case-store';
import type { Sql } from '../shared/db/sql';

export interface CaseEventDeps {
  sql: Sql;
}

/** How a caller of recordTransitions wants a write that PostgreSQL refuses for good to end. */
export interface RecordOptions {
  /**
   * Set by case workflows that can undo and refuse the action (workflows/case/journal.ts): the write
   * fails at once, non-retryable, typed JOURNAL_WRITE_REJECTED. Without it (runs started before that
   * journal) it is retried like any failure, as those runs expect, and logged as wedged.
   */
  refuseUnstorable?: boolean;
}

export function createCaseEventActivities({ sql }: CaseEventDeps) {
  // The worker exposes no metrics endpoint: this count travels in every alert's log line instead.
  let rejectedWrites = 0;

  function classify(error: unknown, transitions: readonly Transition[], refuse: boolean): unknown {
    const cause = unstorableCause(error);
    if (cause === null) return error;
    rejectedWrites += 1;
    const first = transitions[0]?.event;
    const fields = {
      caseId: first?.caseId,
      seqs: transitions.map((t) => t.event.seq),
      types: transitions.map((t) => t.event.type),
      ...cause,
      journalRejectedWritesTotal: rejectedWrites,
    };
    if (!refuse) {
      log.error('journal write refused by PostgreSQL; this run retries it for ever (case wedged)', fields);
      return error;
    }
    log.error('journal write refused by PostgreSQL; the action is refused and undone', fields);
    return ApplicationFailure.nonRetryable(
      `PostgreSQL refused the events of ${first?.caseId ?? 'a case'} (${cause.sqlstate}${
        cause.constraint ? `, ${cause.constraint}` : ''
      }): ${cause.message}`,
      JOURNAL_WRITE_REJECTED,
      cause,
    );
  }

  return {
    /**
     * Appends the event to the audit chain and projects the snapshot; idempotent per (case, seq).
     * Called by case workflows started before the batched journal (workflows/case/journal.ts).
     */
    async recordTransition(event: CaseEvent, snapshot: CaseState): Promise<void> {
      try {
        await recordTransition(sql, event, snapshot);
      } catch (error) {
        throw classify(error, [{ event, snapshot }], false);
      }
    },
    /** Consecutive transitions of one case in one transaction; idempotent per (case, seq). */
    async recordTransitions(transitions: Transition[], options: RecordOptions = {}): Promise<void> {
      try {
        await recordTransitions(sql, transitions);
      } catch (error) {
        throw classify(error, transitions, options.refuseUnstorable === true);
      }
    },
  };
}
