// Applies pending migrations as the owner role: DATABASE_OWNER_URL, or DATABASE_URL where one role
// does everything (the compose file's `migrate` service runs this; docs/deployment.md, "Two roles").
import { loadConfig } from '../shared/config';
import { migrate } from '../shared/db/migrate';
import { createSql } from '../shared/db/sql';

async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.DATABASE_OWNER_URL ?? config.DATABASE_URL;
  if (!url) throw new Error('DATABASE_OWNER_URL (or DATABASE_URL) is required to migrate');
  const sql = createSql(url, { max: 1 });
  try {
    const applied = await migrate(sql);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
