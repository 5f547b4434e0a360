import {
  claimLoginAttempt,
  findAccountByLogin,
  recordSuccessfulLogin,
  type Account,
  type AccountSecrets,
} from '../db/accounts';
import { createSession, type NewSession } from '../db/sessions';
import type { Db } from '../db/sql';
import { lockMsAfter } from '../domain/lockout';
import { verifyNothing, verifyPassword } from './password-hash';

export type LogInResult =
  | { outcome: 'session'; session: NewSession; account: Account }
  /** A wrong pair, an unknown login or a disabled account: one answer, so none of them is revealed. */
  | { outcome: 'refused' }
  | { outcome: 'locked'; retryAfterSeconds: number };

const withoutSecrets = ({ passwordHash: _hash, failedAttempts: _failures, ...account }: AccountSecrets): Account => ({
  ...account,
  lockedUntil: null,
});

// Attempts on one login that keep losing the race to count themselves are told to wait a second.
const CLAIM_TRIES = 3;

/**
 * Exchanges a login and password for a session of `ttlMs`. A locked account is refused before its
 * password is tried, so guesses during a lock teach nothing and cost no scrypt. Each attempt is counted
 * as a failure, with the lock it earns (shared/domain/lockout.ts), before its password is tried, and a
 * success clears the count: parallel guesses cannot slip past the lock.
 */
export async function logIn(
  db: Db,
  credentials: { login: string; password: string },
  ttlMs: number,
  now: () => number = Date.now,
): Promise<LogInResult> {
  for (let tries = 0; tries < CLAIM_TRIES; tries++) {
    const account = await findAccountByLogin(db, credentials.login);
    if (!account) return verifyNothing(credentials.password).then(() => ({ outcome: 'refused' }));
    const lockedMs = (account.lockedUntil?.getTime() ?? 0) - now();
    if (lockedMs > 0) return { outcome: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) };
    const failures = account.failedAttempts;
    if (!(await claimLoginAttempt(db, account.id, failures, lockMsAfter(failures + 1)))) continue;
    if (!(await verifyPassword(credentials.password, account.passwordHash)) || !account.active) {
      return { outcome: 'refused' };
    }
    await recordSuccessfulLogin(db, account.id);
    const session = await createSession(db, account.id, ttlMs);
    return { outcome: 'session', session, account: withoutSecrets(account) };
  }
  return { outcome: 'locked', retryAfterSeconds: 1 };
}
