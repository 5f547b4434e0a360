import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../domain/enums';
import type { Db } from './sql';
import { hashToken } from './token-hash';

/** Session bearers start so; service tokens with `dbn_` (or the operator's DUBAN_ADMIN_TOKEN). */
export const SESSION_PREFIX = 'dbs_';

export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

/** Sessions over this long are forgotten at the account's next login: the table stays about as big as its use. */
const KEPT_AFTER_END = '30 days';

export async function createSession(db: Db, accountId: string, ttlMs: number): Promise<NewSession> {
  await db`
    DELETE FROM sessions WHERE account_id = ${accountId}
      AND coalesce(ended_at, expires_at) < now() - ${KEPT_AFTER_END}::interval`;
  const id = randomUUID();
  const token = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db<{ expiresAt: Date }[]>`
    INSERT INTO sessions (id, token_hash, account_id, expires_at)
    VALUES (${id}, ${hashToken(token)}, ${accountId}, now() + ${ttlMs} * interval '1 millisecond')
    RETURNING expires_at AS "expiresAt"`;
  return { id, token, expiresAt: row!.expiresAt };
}

export interface SessionPrincipal {
  sessionId: string;
  accountId: string;
  name: string;
  role: Role;
  unitId: string | null;
}

/**
 * The person behind a session bearer, read from the account on every call: a role or unit change
 * applies at once, and an ended or expired session or a disabled account is no one.
 */
export async function findSession(db: Db, token: string): Promise<SessionPrincipal | null> {
  const [row] = await db<SessionPrincipal[]>`
    SELECT s.id AS "sessionId", a.id AS "accountId", a.name, a.role, a.unit_id AS "unitId"
    FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_hash = ${hashToken(token)} AND s.ended_at IS NULL AND s.expires_at > now() AND a.active`;
  return row ?? null;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db`UPDATE sessions SET ended_at = now() WHERE id = ${sessionId} AND ended_at IS NULL`;
}

/** Ends every open session of an account (disabled, or its password reset). */
export async function endSessionsOf(db: Db, accountId: string): Promise<number> {
  const rows = await db`
    UPDATE sessions SET ended_at = now() WHERE account_id = ${accountId} AND ended_at IS NULL RETURNING id`;
  return rows.length;
}
