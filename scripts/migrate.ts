// Applies pending migrations to DATABASE_URL (the compose file's `migrate` service runs this).
import { loadConfig } from '../shared/config';
import { migrate } from '../shared/db/migrate';
import { createSql } from '../shared/db/sql';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to migrate');
  const sql = createSql(config.DATABASE_URL, { max: 1 });
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
