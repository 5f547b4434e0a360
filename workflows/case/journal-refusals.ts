// What the refusing journal does when PostgreSQL refuses a batch of a case's events for good
// (journal.ts): recognise the failure, remember which emits it undid, and alert an operator.
import { ActivityFailure, ApplicationFailure, log, uuid4 } from '@temporalio/workflow';
import type { CaseEventInput, CaseState } from '../../shared/contracts/case';
import { CaseErrors, JOURNAL_WRITE_REJECTED } from '../../shared/contracts/case-errors';
import type { CaseNotification } from '../../shared/contracts/case-events';
import { nowIso } from '../../shared/domain/case-machine/state';

/** Why the batch was refused, as the activity reported it: SQLSTATE, constraint, PostgreSQL's message. */
export interface Rejection {
  message: string;
  sqlstate: string | null;
  constraint: string | null;
}

/** The write's failure when PostgreSQL refused the data itself (activities/case-events.ts); else null. */
export function rejectionOf(error: unknown): Rejection | null {
  // A local activity's failure may arrive as the activity's own failure or wrapped in an ActivityFailure.
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (!(cause instanceof ApplicationFailure) || cause.type !== JOURNAL_WRITE_REJECTED) return null;
  const details = (cause.details?.[0] ?? {}) as { sqlstate?: unknown; constraint?: unknown };
  return {
    message: cause.message,
    sqlstate: typeof details.sqlstate === 'string' ? details.sqlstate : null,
    constraint: typeof details.constraint === 'string' ? details.constraint : null,
  };
}

/** The emits one refusal undid (by emit number, which never repeats within a run) and what they answer. */
export class UndoneEmits {
  private readonly ranges: Array<{ from: number; to: number; failure: ApplicationFailure }> = [];

  add(from: number, to: number, failure: ApplicationFailure): void {
    this.ranges.push({ from, to, failure });
  }

  /** The refusal that undid emit `index`, if one did. */
  refusalOf(index: number): ApplicationFailure | null {
    return this.ranges.find((range) => range.from <= index && index <= range.to)?.failure ?? null;
  }
}

/** The Update's answer for every action whose events were undone, naming the status the case is back in. */
export function eventsNotStored(state: CaseState, rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `the action's events could not be stored and it was undone: ${rejection.message}`,
    CaseErrors.EVENTS_NOT_STORED,
    { status: state.status, seq: state.seq },
  );
}

/**
 * The operator alert: a log line (the worker's log, with the activity's running count of refused
 * writes beside it) and a notice through the outbox. Duban has no admin unit (units are departments,
 * townships, the office and leadership), so the notice goes to the office, which runs the system.
 */
export function alertOperators(
  caseId: string,
  undone: readonly CaseEventInput[],
  rejection: Rejection,
  officeUnitId: string | null,
): CaseNotification | null {
  const seqs = undone.map((event) => event.seq);
  const types = undone.map((event) => event.type);
  log.error('case events refused by PostgreSQL: action undone and refused', { caseId, seqs, types, ...rejection });
  if (officeUnitId === null) return null;
  return {
    id: `${caseId}:events-not-stored:${uuid4()}`,
    caseId,
    kind: 'notice',
    level: 0,
    recipientUnitIds: [officeUnitId],
    subject: `【系统告警】问题 ${caseId} 的操作未能保存`,
    body:
      `问题 ${caseId} 的操作（${types.join('、')}）因数据库拒绝保存（${rejection.sqlstate ?? '未知'}` +
      `${rejection.constraint ? `，${rejection.constraint}` : ''}）已撤销并退回操作人；问题其余办理不受影响。`,
    at: nowIso(),
  };
}
