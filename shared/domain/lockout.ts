// Lockout with backoff after failed logins (docs/accounts.md): the one place its numbers live.

/** Failed logins in a row an account may have before it is locked. */
export const FREE_FAILED_LOGINS = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 3_600_000;

/**
 * How long an account is locked after its `failedLogins`-th failure in a row: none before the fifth,
 * then one minute, doubling with each failure after a lock ends, at most an hour. A guesser gets about
 * five tries an hour once locked; the owner, who stops after a few, waits a minute.
 */
export function lockMsAfter(failedLogins: number): number {
  if (failedLogins < FREE_FAILED_LOGINS) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failedLogins - FREE_FAILED_LOGINS), LONGEST_LOCK_MS);
}
