// Erases a reporter from the command line, as POST /v1/reporters/{id}/erasure does:
//   npm run erase-reporter -- <reporter id>
// The event records the operator's login name as the actor (docs/domain.md "Audit trail and privacy").
import { userInfo } from 'node:os';
import { loadConfig } from '../shared/config';
import { eraseReporterEverywhere } from '../shared/db/reporter-erasure';
import { createSql } from '../shared/db/sql';

async function main(): Promise<void> {
  const [reporterId, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
  if (!reporterId || rest.length > 0) throw new Error('usage: npm run erase-reporter -- <reporter id>');
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const sql = createSql(config.DATABASE_URL, { max: 1 });
  try {
    const actor = { id: `cli:${userInfo().username}`, role: 'admin' as const, unitId: null };
    const outcome = await eraseReporterEverywhere(sql, reporterId, actor);
    if (!outcome) throw new Error(`no reporter ${reporterId}`);
    console.log(JSON.stringify({ ...outcome, erasedAt: outcome.erasedAt.toISOString() }));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(`duban: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
