// Service tokens from the command line (docs/accounts.md); `npm run token` creates one.
//   npm run tokens -- list            id, name, role, unit, created, expires, revoked (never the token)
//   npm run tokens -- revoke --id <id>
import { parseArgs } from 'node:util';
import { listTokens, revokeToken } from '../shared/db/tokens';
import type { Sql } from '../shared/db/sql';
import { runWithDatabase } from './lib/cli-database';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { id: { type: 'string' } } });
const when = (date: Date | null) => date?.toISOString() ?? '-';

const commands: Record<string, (sql: Sql) => Promise<void>> = {
  async list(sql) {
    let cursor: string | null = null;
    do {
      const page = await listTokens(sql, { limit: 200, cursor });
      for (const t of page.items) {
        console.log(
          [t.id, t.name, t.role, t.unitId ?? '-', when(t.createdAt), when(t.expiresAt), when(t.revokedAt)].join('\t'),
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
  },
  async revoke(sql) {
    if (!values.id) throw new Error('--id is required');
    if (!(await revokeToken(sql, values.id))) throw new Error(`no token with id ${values.id}`);
  },
};

const command = commands[positionals[0] ?? ''];
if (!command) {
  console.error(`duban: the command is one of ${Object.keys(commands).join(', ')}`);
  process.exit(1);
}
runWithDatabase(command);
