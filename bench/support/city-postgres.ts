// The PostgreSQL settings of the benches over the ledger bench's 1,000,000 cases (ledger, statistics,
// what-if): a modest production server for a table of this size, durability off as in the tests, and
// the same in each so that their figures compare.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/lib/processes';
import { startRestartablePostgres } from '../../scripts/lib/restartable-postgres';
import { migrate } from '../../shared/db/migrate';
import { createSql, type Sql } from '../../shared/db/sql';

export const CITY_POSTGRES_SETTINGS = {
  shared_buffers: '1GB',
  effective_cache_size: '8GB',
  work_mem: '32MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
  random_page_cost: '1.1',
  jit: 'off',
};

export interface CityDatabase {
  /** .data/bench/<name>: the server's log, and whatever else the bench writes. */
  dir: string;
  url: string;
  /** A pool of 4, as the API's share of a modest server. */
  sql: Sql;
  /** Ends the pool and the server, and removes its data. */
  close(): Promise<void>;
}

/** A temporary PostgreSQL 15 with the city settings, migrated, for one of the city benches. */
export async function startCityDatabase(name: string): Promise<CityDatabase> {
  const dir = join(projectRoot, '.data', 'bench', name);
  mkdirSync(dir, { recursive: true });
  const pg = await startRestartablePostgres({ logFile: join(dir, 'postgres.log'), settings: CITY_POSTGRES_SETTINGS });
  const sql = createSql(pg.url, { max: 4 });
  const close = async () => {
    await sql.end({ timeout: 5 });
    await pg.destroy();
  };
  try {
    await migrate(sql);
  } catch (error) {
    await close();
    throw error;
  }
  return { dir, url: pg.url, sql, close };
}
