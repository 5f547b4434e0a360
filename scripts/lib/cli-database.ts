import { loadConfig } from '../../shared/config';
import { createSql, type Sql } from '../../shared/db/sql';

/** Runs one command-line task on DATABASE_URL; an error is one line on stderr and exit 1. */
export function runWithDatabase(task: (sql: Sql) => Promise<void>): void {
  const run = async () => {
    const config = loadConfig();
    if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
    const sql = createSql(config.DATABASE_URL, { max: 1 });
    try {
      await task(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  run().catch((error: unknown) => {
    console.error(`duban: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
