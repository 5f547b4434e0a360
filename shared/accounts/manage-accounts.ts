import {
  createAccount,
  findAccountByLogin,
  getAccount,
  updateAccount,
  type Account,
  type AccountChanges,
} from '../db/accounts';
import { endSessionsOf } from '../db/sessions';
import { transaction, type Db } from '../db/sql';
import { LoginSchema, unitProblem, type AccountInput, type AccountPatch } from '../domain/account';
import { passwordWeakness } from '../domain/password-policy';
import { hashPassword } from './password-hash';

// What an admin does to accounts, over the API (api/routes/accounts.ts) or the CLI (scripts/accounts.ts).

/** A change the account rules refuse (API: 422 naming `field`). */
export class AccountRuleError extends Error {
  constructor(
    readonly field: 'login' | 'password' | 'unitId',
    message: string,
  ) {
    super(message);
    this.name = 'AccountRuleError';
  }
}

function checkPassword(password: string, login: string): void {
  const weakness = passwordWeakness(password, login);
  if (weakness) throw new AccountRuleError('password', weakness);
}

function checkUnit(role: Account['role'], unitId: string | null): void {
  const problem = unitProblem(role, unitId);
  if (problem) throw new AccountRuleError('unitId', problem);
}

export async function openAccount(db: Db, input: AccountInput): Promise<Account> {
  const login = LoginSchema.safeParse(input.login);
  if (!login.success) throw new AccountRuleError('login', `login ${login.error.issues[0]!.message}`);
  const unitId = input.unitId ?? null;
  checkUnit(input.role, unitId);
  checkPassword(input.password, input.login);
  const { password, ...fields } = input;
  return createAccount(db, { ...fields, unitId, passwordHash: await hashPassword(password) });
}

/** The unit after a change: the one given, else the current one unless the new role may hold none. */
function unitAfter(current: Account, patch: AccountPatch): string | null {
  if (patch.unitId !== undefined) return patch.unitId;
  const role = patch.role ?? current.role;
  return role === 'unit' || role === 'visitor' ? current.unitId : null;
}

/**
 * Applies an admin's change; null when there is no such account. Disabling the account or setting a
 * new password ends its sessions at once: whoever held them must log in again (or cannot).
 */
export async function changeAccount(db: Db, id: string, patch: AccountPatch): Promise<Account | null> {
  const current = await getAccount(db, id);
  if (!current) return null;
  const unitId = unitAfter(current, patch);
  checkUnit(patch.role ?? current.role, unitId);
  if (patch.password !== undefined) checkPassword(patch.password, current.login);
  const changes: AccountChanges = {
    name: patch.name,
    role: patch.role,
    unitId,
    active: patch.active,
    passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
  };
  return transaction(db, async (tx) => {
    const account = await updateAccount(tx, id, changes);
    if (account && (patch.active === false || patch.password !== undefined)) await endSessionsOf(tx, id);
    return account;
  });
}

/** The CLI names accounts by login. */
export async function accountIdOf(db: Db, login: string): Promise<string> {
  const account = await findAccountByLogin(db, login);
  if (!account) throw new Error(`no account with login ${login}`);
  return account.id;
}
