import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../domain/enums';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from './pagination';
import type { Db } from './sql';

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  unitId: string | null;
}

/** Tokens are stored as SHA-256 digests: a leaked table does not leak a usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const newTokenValue = (): string => `dbn_${randomBytes(24).toString('base64url')}`;

export async function createToken(
  db: Db,
  input: { name: string; role: Role; unitId?: string | null; value?: string },
): Promise<{ id: string; token: string }> {
  const token = input.value ?? newTokenValue();
  const id = randomUUID();
  await db`
    INSERT INTO api_tokens (id, name, role, unit_id, token_hash)
    VALUES (${id}, ${input.name}, ${input.role}, ${input.unitId ?? null}, ${hashToken(token)})`;
  return { id, token };
}

/** The bootstrap admin token of docs/api.md: created on first start, kept afterwards. */
export async function ensureAdminToken(db: Db, value: string): Promise<void> {
  await db`
    INSERT INTO api_tokens (id, name, role, unit_id, token_hash)
    VALUES (${randomUUID()}, 'bootstrap admin', 'admin', NULL, ${hashToken(value)})
    ON CONFLICT (token_hash) DO NOTHING`;
}

export async function findPrincipal(db: Db, token: string): Promise<Principal | null> {
  const [row] = await db<Principal[]>`
    SELECT id AS "tokenId", name, role, unit_id AS "unitId"
    FROM api_tokens WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL`;
  return row ?? null;
}

export interface TokenSummary {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Tokens for the admin's list: never the digest, which is only ever compared. No route yet: issue #13 (`GET /v1/tokens`). */
export async function listTokens(db: Db, page: PageRequest = {}): Promise<Page<TokenSummary>> {
  const limit = clampLimit(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor, z.tuple([z.string(), z.string()])) : null;
  const rows = await db<(TokenSummary & { createdAtKey: string })[]>`
    SELECT id, name, role, unit_id AS "unitId", created_at AS "createdAt", revoked_at AS "revokedAt",
           created_at::text AS "createdAtKey"
    FROM api_tokens
    WHERE ${after === null}
       -- The time goes as text: postgres.js would pass a timestamptz parameter through a JS Date, to the ms.
       OR (created_at, id) > (${after?.[0] ?? null}::text::timestamptz, ${after?.[1] ?? null}::uuid)
    ORDER BY created_at, id LIMIT ${limit + 1}`;
  const result = toPage(rows, limit, (t) => [t.createdAtKey, t.id]);
  return { items: result.items.map(({ createdAtKey: _, ...t }) => t), nextCursor: result.nextCursor };
}

/**
 * Revokes a token at once (the auth hook reads revoked_at on every request); false if unknown.
 * No route yet: issue #13 (`DELETE /v1/tokens/{id}` and its CLI).
 */
export async function revokeToken(db: Db, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const rows = await db`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id} RETURNING id`;
  return rows.length > 0;
}
