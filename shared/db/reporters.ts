import { randomUUID } from 'node:crypto';
import type { Db } from './sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stores a reporter's name and phone apart from the case's events, which keep only the id. */
export async function createReporter(db: Db, reporter: { name: string; phone?: string | undefined }): Promise<string> {
  const id = randomUUID();
  await db`INSERT INTO reporters (id, name, phone) VALUES (${id}, ${reporter.name}, ${reporter.phone ?? null})`;
  return id;
}

export interface Reporter {
  id: string;
  name: string | null;
  phone: string | null;
  erasedAt: Date | null;
}

export async function findReporter(db: Db, id: string): Promise<Reporter | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db<Reporter[]>`SELECT id, name, phone, erased_at AS "erasedAt" FROM reporters WHERE id = ${id}`;
  return row ?? null;
}

/**
 * Erases a reporter's name and phone (a resident's request, or retention running out). Events hold
 * only the reporter id, so the audit chain stays valid; erasing twice keeps the first erased_at.
 * False when there is no such reporter. The route and CLI erase more through eraseReporterEverywhere
 * (reporter-erasure.ts): the description they typed, and an `erased` event on each of their cases.
 */
export async function eraseReporter(db: Db, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const rows = await db`
    UPDATE reporters SET name = NULL, phone = NULL, erased_at = coalesce(erased_at, now())
    WHERE id = ${id} RETURNING id`;
  return rows.length > 0;
}
