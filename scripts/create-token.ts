// Creates a service token (for a machine; people have accounts: scripts/accounts.ts) from the command line:
//   npx tsx scripts/create-token.ts --role admin --name "ops" [--expires-in P90D]
//   node dist/scripts/create-token.js --role unit --unit city-management
// `npm run tokens -- list | revoke --id <id>` lists and revokes them (scripts/tokens.ts).
import { parseArgs } from 'node:util';
import { createToken } from '../shared/db/tokens';
import { ROLES, type Role } from '../shared/domain/enums';
import { parseDuration } from '../shared/durations';
import { runWithDatabase } from './lib/cli-database';

runWithDatabase(async (sql) => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'unit' && values.unit === undefined) throw new Error('--unit is required for --role unit');
  // A visiting team's token may carry its unit: its visits count for it (docs/limits.md).
  if (values.unit !== undefined && role !== 'unit' && role !== 'visitor')
    throw new Error('--unit is only for --role unit or visitor');
  const lifetime = values['expires-in'];
  const { token } = await createToken(sql, {
    name: values.name ?? `${role} (cli)`,
    role,
    unitId: values.unit ?? null,
    expiresAt: lifetime ? new Date(Date.now() + parseDuration(lifetime)) : null,
  });
  // The token is shown once: only its hash is stored.
  console.log(token);
});
