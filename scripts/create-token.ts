// Creates an API token from the command line — how the first admin of a deployment gets one when
// DUBAN_ADMIN_TOKEN is not used:  npx tsx scripts/create-token.ts --role admin --name "ops"
//                                 node dist/scripts/create-token.js --role unit --unit city-management
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config';
import { createSql } from '../shared/db/sql';
import { createToken } from '../shared/db/tokens';
import { ROLES, type Role } from '../shared/domain/enums';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' } },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if ((role === 'unit') !== (values.unit !== undefined))
    throw new Error('--unit is required for, and only for, --role unit');
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const sql = createSql(config.DATABASE_URL, { max: 1 });
  try {
    const { token } = await createToken(sql, {
      name: values.name ?? `${role} (cli)`,
      role,
      unitId: values.unit ?? null,
    });
    // The token is shown once: only its hash is stored.
    console.log(token);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(`duban: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
