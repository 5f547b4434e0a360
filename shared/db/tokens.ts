import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../domain/enums';
import { clampLimit, decodeCursor, TimestampKey, toPage, UuidKey, type Page, type PageRequest } from './pagination';
import { findSession, SESSION_PREFIX } from './sessions';
import type { Db } from './sql';
import { hashToken } from './token-hash';

export { hashToken };

/** Who is calling: a service token, or a person through a session. */
export interface Principal {
  /**
   * The acting identity, recorded as the actor's id: a service token's id, or a person's account id
   * (stable across logins, so a visitor still sees the cases it reported after logging in again, and
   * its rate-limit bucket and Idempotency-Keys are its own, not each session's).
   */
  tokenId: string;
  /** The token's name, or the person's display name. */
  name: string;
  role: Role;
  unitId: string | null;
  /** Set for a person: the account, and the session `DELETE /v1/sessions/current` ends. */
  accountId?: string;
  sessionId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const newTokenValue = (): string => `dbn_${randomBytes(24).toString('base64url')}`;

export async function createToken(
  db: Db,
  input: { name: string; role: Role; unitId?: string | null; value?: string; expiresAt?: Date | null },
): Promise<{ id: string; token: string }> {
  const token = input.value ?? newTokenValue();
  const id = randomUUID();
  await db`
    INSERT INTO api_tokens (id, name, role, unit_id, token_hash, expires_at)
    VALUES (${id}, ${input.name}, ${input.role}, ${input.unitId ?? null}, ${hashToken(token)}, ${input.expiresAt ?? null})`;
  return { id, token };
}

/** How long the bootstrap admin token lives by default (DUBAN_ADMIN_TOKEN_TTL): long enough to create the first account. */
export const DEFAULT_BOOTSTRAP_TOKEN_TTL_MS = 86_400_000;

/**
 * The bootstrap admin token (docs/accounts.md): registered with an expiry on the first start with this
 * value, kept (never extended) on later ones; any bootstrap token of another value is revoked, so
 * changing DUBAN_ADMIN_TOKEN retires the old one. A value an admin revoked stays revoked.
 */
export async function ensureAdminToken(
  db: Db,
  value: string,
  ttlMs = DEFAULT_BOOTSTRAP_TOKEN_TTL_MS,
): Promise<{ expiresAt: Date | null; usable: boolean }> {
  const digest = hashToken(value);
  await db`UPDATE api_tokens SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL AND token_hash <> ${digest}`;
  const [row] = await db<{ expiresAt: Date | null; usable: boolean }[]>`
    INSERT INTO api_tokens (id, name, role, unit_id, token_hash, expires_at, bootstrap)
    VALUES (${randomUUID()}, 'bootstrap admin', 'admin', NULL, ${digest}, now() + ${ttlMs} * interval '1 millisecond', true)
    ON CONFLICT (token_hash) DO UPDATE
      -- One registered before tokens expired gets its expiry now, not never.
      SET expires_at = coalesce(api_tokens.expires_at, EXCLUDED.expires_at)
    RETURNING expires_at AS "expiresAt", (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS usable`;
  return row!;
}

/** DUBAN_ADMIN_TOKEN unset: no bootstrap token stays alive from an earlier start. Answers how many were revoked. */
export async function retireBootstrapTokens(db: Db): Promise<number> {
  const rows = await db`UPDATE api_tokens SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL RETURNING id`;
  return rows.length;
}

/** The caller a bearer stands for: a session (`dbs_…`) or a service token; null when none, revoked or expired. */
export async function findPrincipal(db: Db, token: string): Promise<Principal | null> {
  if (token.startsWith(SESSION_PREFIX)) {
    const session = await findSession(db, token);
    if (!session) return null;
    const { accountId, sessionId, name, role, unitId } = session;
    return { tokenId: accountId, name, role, unitId, accountId, sessionId };
  }
  const [row] = await db<Principal[]>`
    SELECT id AS "tokenId", name, role, unit_id AS "unitId"
    FROM api_tokens WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL
      AND (expires_at IS NULL OR expires_at > now())`;
  return row ?? null;
}

export interface TokenSummary {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Tokens for the admin's list: never the digest, which is only ever compared. */
export async function listTokens(db: Db, page: PageRequest = {}): Promise<Page<TokenSummary>> {
  const limit = clampLimit(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor, z.tuple([TimestampKey, UuidKey])) : null;
  const rows = await db<(TokenSummary & { createdAtKey: string })[]>`
    SELECT id, name, role, unit_id AS "unitId", created_at AS "createdAt", expires_at AS "expiresAt",
           revoked_at AS "revokedAt", created_at::text AS "createdAtKey"
    FROM api_tokens
    WHERE ${after === null}
       -- The time goes as text: postgres.js would pass a timestamptz parameter through a JS Date, to the ms.
       OR (created_at, id) > (${after?.[0] ?? null}::text::timestamptz, ${after?.[1] ?? null}::uuid)
    ORDER BY created_at, id LIMIT ${limit + 1}`;
  const result = toPage(rows, limit, (t) => [t.createdAtKey, t.id]);
  return { items: result.items.map(({ createdAtKey: _, ...t }) => t), nextCursor: result.nextCursor };
}

/** Revokes a token at once (the auth hook reads revoked_at on every request); false if unknown. */
export async function revokeToken(db: Db, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const rows = await db`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id} RETURNING id`;
  return rows.length > 0;
}
