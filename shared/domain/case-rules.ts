// The case-action table: who may do what to a case, when, with what input. Work in progress (issue 11).
import type { CloseReason } from './enums';

/** Closed as resolved or on the spot: a failed spot check may reopen it while its window lasts. */
export const REOPENABLE_CLOSE_REASONS = ['resolved', 'on_spot'] as const satisfies readonly CloseReason[];

export const isReopenable = (c: { status: string; closeReason: CloseReason | null }): boolean =>
  c.status === 'closed' &&
  c.closeReason !== null &&
  (REOPENABLE_CLOSE_REASONS as readonly string[]).includes(c.closeReason);
