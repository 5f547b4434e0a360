import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { accountIdOf, changeAccount, openAccount } from '../../../shared/accounts/manage-accounts';
import { findAccountByLogin } from '../../../shared/db/accounts';
import type { Sql } from '../../../shared/db/sql';
import type { Role } from '../../../shared/domain/enums';

/** One person per role of the 兴义市 demo, to log in as (POST /v1/sessions) rather than hold a token. */
const DEMO_ACCOUNTS: { login: string; name: string; role: Role; unitId?: string }[] = [
  { login: 'demo-admin', name: '系统管理员 王强', role: 'admin' },
  { login: 'demo-office', name: '活动办 李娜', role: 'office' },
  { login: 'demo-leader', name: '领导小组 陈刚', role: 'leader' },
  { login: 'demo-visitor', name: '走访干部 张敏', role: 'visitor' },
  { login: 'demo-city-management', name: '综合行政执法局 刘洋', role: 'unit', unitId: 'city-management' },
];

/** Letters, digits and a dash: two classes at least, so the password rule (shared/domain/password-policy.ts) holds. */
const demoPassword = () => `Demo-${randomBytes(12).toString('base64url')}7`;

/**
 * The demo accounts and their passwords, kept in `file` (mode 0600, like the demo tokens). An account
 * whose password the file does not hold (a new file, or a database the file was not made for) gets a
 * new one, so the file always says how to log in.
 */
export async function ensureDemoAccounts(sql: Sql, file: string): Promise<Record<string, string>> {
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const passwords: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const known = saved[account.login];
    const exists = await findAccountByLogin(sql, account.login);
    if (known && exists) {
      passwords[account.login] = known;
      continue;
    }
    const password = demoPassword();
    if (exists) await changeAccount(sql, await accountIdOf(sql, account.login), { password });
    else await openAccount(sql, { ...account, password });
    passwords[account.login] = password;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return passwords;
}
