import type { Client } from '@temporalio/client';

/**
 * Runs Temporal calls under a deadline, so an unreachable or overloaded server turns into a quick
 * DEADLINE_EXCEEDED (answered 503 with Retry-After) instead of the SDK's long retry loop.
 */
export function withTemporalDeadline<T>(temporal: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + ms, call);
}

/** Long enough for an action whose events are stored on a healthy system; short enough to fail fast. */
export const CASE_CALL_DEADLINE_MS = 10_000;
/** A dispatch batch waits for every case on its list. */
export const DISPATCH_DEADLINE_MS = 120_000;
