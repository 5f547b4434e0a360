import { z } from 'zod';

// Keyset pagination for every list of the API (docs/api.md "Lists"): the cursor is the sort key
// of the last row served, base64url-encoded JSON. It is opaque to clients and never an offset, so a
// page stays correct while rows are inserted ahead of it.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | null | undefined;
}

/** A cursor this server did not make (or made for another list): the API answers 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this list handed out');
    this.name = 'InvalidCursorError';
  }
}

export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}

// Parts of cursor keys, checked as strictly as the column they are cast to: a forged cursor is a 400,
// never a cast that fails in PostgreSQL (a 500).
const MAX_BIGINT = 9_223_372_036_854_775_807n;
/** A bigint (bigserial) id, as text. */
export const BigintKey = z
  .string()
  .regex(/^\d{1,19}$/)
  .refine((value) => BigInt(value) <= MAX_BIGINT);
/** A timestamptz as PostgreSQL writes it as text (`2026-12-02 01:23:45.123456+00`). */
export const TimestampKey = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/);
export const UuidKey = z.string().uuid();

/** A single-column key (id, code, version) as most reference lists use. */
export const decodeKeyCursor = (cursor: string | null | undefined): string | null =>
  cursor ? decodeCursor(cursor, z.tuple([z.string().min(1)]))[0] : null;

export const decodeVersionCursor = (cursor: string | null | undefined): number | null =>
  cursor ? decodeCursor(cursor, z.tuple([z.number().int()]))[0] : null;

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says that another page exists. */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
