// People's accounts from the command line (docs/accounts.md), for an operator at the database:
//   npm run accounts -- create --login zhang.wei --name 张伟 --role unit --unit city-management [--password-stdin]
//   npm run accounts -- reset-password --login zhang.wei [--password-stdin]
//   npm run accounts -- set-role --login zhang.wei --role visitor [--unit qishe-town]
//   npm run accounts -- disable --login zhang.wei      (ends its sessions)      enable --login zhang.wei
//   npm run accounts -- list
// Without --password-stdin a strong password is made and printed once; only its scrypt hash is stored.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { accountIdOf, changeAccount, openAccount } from '../shared/accounts/manage-accounts';
import { listAccounts } from '../shared/db/accounts';
import type { Sql } from '../shared/db/sql';
import { ROLES, type Role } from '../shared/domain/enums';
import { runWithDatabase } from './lib/cli-database';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

function required(option: 'login' | 'name' | 'role'): string {
  const value = values[option];
  if (!value) throw new Error(`--${option} is required`);
  return value;
}

function roleOption(): Role {
  const role = required('role') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  return role;
}

/** The password to set and whether to print it: from stdin when asked, else a new one shown once. */
async function passwordToSet(): Promise<{ password: string; show: boolean }> {
  if (!values['password-stdin']) return { password: `${randomBytes(15).toString('base64url')}-9a`, show: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return {
    password: Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, ''),
    show: false,
  };
}

async function change(sql: Sql, patch: Parameters<typeof changeAccount>[2]): Promise<void> {
  const login = required('login');
  await changeAccount(sql, await accountIdOf(sql, login), patch);
}

const commands: Record<string, (sql: Sql) => Promise<void>> = {
  async create(sql) {
    const { password, show } = await passwordToSet();
    const input = { login: required('login'), name: required('name'), role: roleOption(), password };
    const account = await openAccount(sql, values.unit ? { ...input, unitId: values.unit } : input);
    console.log(show ? `${account.login} ${password}` : account.login);
  },
  async 'reset-password'(sql) {
    const { password, show } = await passwordToSet();
    await change(sql, { password });
    if (show) console.log(password);
  },
  async 'set-role'(sql) {
    await change(sql, { role: roleOption(), ...(values.unit ? { unitId: values.unit } : {}) });
  },
  async disable(sql) {
    await change(sql, { active: false });
  },
  async enable(sql) {
    await change(sql, { active: true });
  },
  async list(sql) {
    let cursor: string | null = null;
    do {
      const page = await listAccounts(sql, { limit: 200, cursor });
      for (const a of page.items) {
        const state = a.active ? (a.lockedUntil && a.lockedUntil > new Date() ? 'locked' : 'active') : 'disabled';
        console.log([a.login, a.role, a.unitId ?? '-', state, a.name].join('\t'));
      }
      cursor = page.nextCursor;
    } while (cursor);
  },
};

const command = commands[positionals[0] ?? ''];
if (!command) {
  console.error(`duban: the command is one of ${Object.keys(commands).join(', ')}`);
  process.exit(1);
}
runWithDatabase(command);
