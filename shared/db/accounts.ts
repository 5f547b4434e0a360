import { randomUUID } from 'node:crypto';
import type { Role } from '../domain/enums';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from './pagination';
import { DuplicateKeyError, namingMissingReferences } from './reference-errors';
import type { Db } from './sql';
import { z } from 'zod';

export interface Account {
  id: string;
  login: string;
  name: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a login needs besides the account: never leaves the server. */
export interface AccountSecrets extends Account {
  passwordHash: string;
  failedAttempts: number;
}

const UNIQUE_VIOLATION = '23505';
const MISSING = { accounts_unit_id_fkey: 'unitId' };

const columns = (db: Db) => db`
  id, login, name, role, unit_id AS "unitId", active, locked_until AS "lockedUntil",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface NewAccount {
  login: string;
  name: string;
  role: Role;
  unitId: string | null;
  passwordHash: string;
}

export async function createAccount(db: Db, input: NewAccount): Promise<Account> {
  try {
    const [row] = await namingMissingReferences(
      MISSING,
      () => db<Account[]>`
        INSERT INTO accounts (id, login, name, role, unit_id, password_hash)
        VALUES (${randomUUID()}, ${input.login}, ${input.name}, ${input.role}, ${input.unitId}, ${input.passwordHash})
        RETURNING ${columns(db)}`,
    );
    return row!;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new DuplicateKeyError('login', input.login);
    throw error;
  }
}

export async function getAccount(db: Db, id: string): Promise<Account | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db<Account[]>`SELECT ${columns(db)} FROM accounts WHERE id = ${id}`;
  return row ?? null;
}

/** The account a login names, whatever its case. */
export async function findAccountByLogin(db: Db, login: string): Promise<AccountSecrets | null> {
  const [row] = await db<AccountSecrets[]>`
    SELECT ${columns(db)}, password_hash AS "passwordHash", failed_attempts AS "failedAttempts"
    FROM accounts WHERE lower(login) = lower(${login})`;
  return row ?? null;
}

/** Accounts by login (case-insensitive order), a page at a time. */
export async function listAccounts(db: Db, page: PageRequest = {}): Promise<Page<Account>> {
  const limit = clampLimit(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor, z.tuple([z.string()]))[0] : null;
  const rows = await db<Account[]>`
    SELECT ${columns(db)} FROM accounts
    WHERE ${after === null} OR lower(login) > ${after ?? ''}
    ORDER BY lower(login) LIMIT ${limit + 1}`;
  return toPage(rows, limit, (a) => [a.login.toLowerCase()]);
}

export interface AccountChanges {
  name?: string | undefined;
  role?: Role | undefined;
  unitId?: string | null | undefined;
  active?: boolean | undefined;
  passwordHash?: string | undefined;
}

/** Applies the fields given; a new password also lifts a lockout. Null when no such account. */
export async function updateAccount(db: Db, id: string, changes: AccountChanges): Promise<Account | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const has = (key: keyof AccountChanges) => changes[key] !== undefined;
  const [row] = await namingMissingReferences(
    MISSING,
    () => db<Account[]>`
      UPDATE accounts SET
        name = CASE WHEN ${has('name')} THEN ${changes.name ?? null} ELSE name END,
        role = CASE WHEN ${has('role')} THEN ${changes.role ?? null} ELSE role END,
        unit_id = CASE WHEN ${has('unitId')} THEN ${changes.unitId ?? null} ELSE unit_id END,
        active = CASE WHEN ${has('active')} THEN ${changes.active ?? null}::boolean ELSE active END,
        password_hash = CASE WHEN ${has('passwordHash')} THEN ${changes.passwordHash ?? null} ELSE password_hash END,
        failed_attempts = CASE WHEN ${has('passwordHash')} THEN 0 ELSE failed_attempts END,
        locked_until = CASE WHEN ${has('passwordHash')} THEN NULL ELSE locked_until END,
        updated_at = now()
      WHERE id = ${id}
      RETURNING ${columns(db)}`,
  );
  return row ?? null;
}

/**
 * Counts a login attempt as a failure before its password is tried (a success then clears the count),
 * with the lock that count earns (`lockMs`, 0 for none), provided no other attempt was counted since
 * `seenFailures` was read and the account is not locked. False otherwise: read it again. So parallel
 * guesses are counted one by one, and no more than the free ones get tried before the lock.
 */
export async function claimLoginAttempt(db: Db, id: string, seenFailures: number, lockMs: number): Promise<boolean> {
  const rows = await db`
    UPDATE accounts SET
      failed_attempts = ${seenFailures + 1},
      locked_until = CASE WHEN ${lockMs > 0} THEN now() + ${lockMs} * interval '1 millisecond' ELSE locked_until END
    WHERE id = ${id} AND failed_attempts = ${seenFailures} AND (locked_until IS NULL OR locked_until <= now())
    RETURNING id`;
  return rows.length > 0;
}

export async function recordSuccessfulLogin(db: Db, id: string): Promise<void> {
  await db`UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ${id}`;
}

/**
 * Whether an admin account was ever made, active or not: the bootstrap makes the first one once, and a
 * disabled last admin is enabled again from the command line (`npm run accounts -- enable`), not
 * replaced at the next start by whoever holds the deployment's DUBAN_ADMIN_PASSWORD.
 */
export async function hasAdminAccount(db: Db): Promise<boolean> {
  const [row] = await db<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin') AS any`;
  return row!.any;
}
