import { randomUUID } from 'node:crypto';
import type { Db, Fragment } from './sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewReporter {
  name: string;
  phone?: string | undefined;
}

/** Stores a reporter's name and phone apart from the case's events, which keep only the id. */
export async function createReporter(db: Db, reporter: NewReporter): Promise<string> {
  const id = randomUUID();
  await reporterInsert(db, id, reporter);
  return id;
}

/** The same statement, not yet awaited: intake sends it in one pipeline with the case's first writes. */
export const reporterInsert = (db: Db, id: string, reporter: NewReporter): Fragment =>
  db`INSERT INTO reporters (id, name, phone) VALUES (${id}, ${reporter.name}, ${reporter.phone ?? null})`;

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
