// The named refusals of a case action. Update validators throw them as non-retryable
// ApplicationFailures (`type` = the name, details = [{ status, seq }]); the API maps them to HTTP.
import type { CaseStatus } from '../domain/enums';

export const CaseErrors = {
  /** The caller's role may not do this at all (a leader accepting, a unit closing). */
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  /** A unit acting as lead on a case it does not lead. */
  NOT_LEAD_UNIT: 'NOT_LEAD_UNIT',
  /** A unit contributing to a case it does not co-handle. */
  NOT_CO_HANDLER: 'NOT_CO_HANDLER',
  /** A visitor following up a case that did not come from its own report. */
  NOT_OWN_REPORT: 'NOT_OWN_REPORT',
  /** The action exists but not in the case's current status. */
  INVALID_STATE: 'INVALID_STATE',
  /** A body the API should have refused already (empty text, a bad date, a missing link). */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The queued case went to another dispatch batch. */
  ALREADY_DISPATCHED: 'ALREADY_DISPATCHED',
  UNKNOWN_EXTENSION_REQUEST: 'UNKNOWN_EXTENSION_REQUEST',
  EXTENSION_ALREADY_DECIDED: 'EXTENSION_ALREADY_DECIDED',
  /** One open request at a time, so the office decides on the latest wish, not a queue of them. */
  EXTENSION_ALREADY_PENDING: 'EXTENSION_ALREADY_PENDING',
  /** docs/domain.md: an extension is requested before the deadline passes, never after. */
  EXTENSION_NOT_BEFORE_DEADLINE: 'EXTENSION_NOT_BEFORE_DEADLINE',
  EXTENSION_NOT_LATER: 'EXTENSION_NOT_LATER',
  /** An acknowledgement names no instruction of this case (领导批示). */
  UNKNOWN_INSTRUCTION: 'UNKNOWN_INSTRUCTION',
  INSTRUCTION_ALREADY_ACKNOWLEDGED: 'INSTRUCTION_ALREADY_ACKNOWLEDGED',
  /** A re-pin (docs/calendar.md) to the calendar the case counts on already, or of a policy without working days. */
  CALENDAR_ALREADY_PINNED: 'CALENDAR_ALREADY_PINNED',
  POLICY_COUNTS_NO_WORKING_DAYS: 'POLICY_COUNTS_NO_WORKING_DAYS',
  /**
   * The action passed every check but PostgreSQL refused to store its events (text or JSON it cannot
   * represent, a foreign-key, check or not-null violation): no retry can change that, so the action is
   * undone and refused, the case goes on as it was, and an operator alert names the case and the cause.
   */
  EVENTS_NOT_STORED: 'EVENTS_NOT_STORED',
} as const;

/**
 * The failure type the journal's write raises when PostgreSQL refuses the events for good
 * (activities/case-events.ts); the case workflow turns it into an EVENTS_NOT_STORED refusal.
 */
export const JOURNAL_WRITE_REJECTED = 'JournalWriteRejected';

export type CaseErrorType = keyof typeof CaseErrors;

/** What every refusal carries, so a 409 can name the status the case is really in. */
export interface CaseErrorDetails {
  status: CaseStatus;
  seq: number;
}

/** docs/api.md: 403 for the wrong caller, 404 for an unknown sub-resource, 409 for the wrong state. */
export const CASE_ERROR_HTTP_STATUS: Record<CaseErrorType, 403 | 404 | 409 | 422> = {
  ROLE_NOT_ALLOWED: 403,
  NOT_LEAD_UNIT: 403,
  NOT_CO_HANDLER: 403,
  NOT_OWN_REPORT: 403,
  INVALID_STATE: 409,
  INVALID_INPUT: 422,
  ALREADY_DISPATCHED: 409,
  UNKNOWN_EXTENSION_REQUEST: 404,
  EXTENSION_ALREADY_DECIDED: 409,
  EXTENSION_ALREADY_PENDING: 409,
  EXTENSION_NOT_BEFORE_DEADLINE: 409,
  EXTENSION_NOT_LATER: 422,
  UNKNOWN_INSTRUCTION: 404,
  INSTRUCTION_ALREADY_ACKNOWLEDGED: 409,
  CALENDAR_ALREADY_PINNED: 409,
  POLICY_COUNTS_NO_WORKING_DAYS: 409,
  // The request cannot be stored as it is: sending it again unchanged gets the same answer.
  EVENTS_NOT_STORED: 422,
};

export const isCaseErrorType = (value: unknown): value is CaseErrorType =>
  typeof value === 'string' && Object.hasOwn(CaseErrors, value);
