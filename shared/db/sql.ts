import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A transaction's scoped `sql`; repository functions take `Sql | TransactionSql`. */
export type TransactionSql = postgres.TransactionSql;
export type Db = Sql | TransactionSql;
/** A piece of SQL built with `db\`...\`` and embedded in another query; it runs only as part of that. */
export type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface SqlOptions {
  /** Connections in the pool. The embedded PGlite server serves exactly one. */
  max?: number;
  /** Seconds to wait for a connection before failing (the API then answers 503); default 10. */
  connectTimeoutSeconds?: number;
  /** Called with PostgreSQL's notices instead of printing them to stdout. */
  onnotice?: (notice: postgres.Notice) => void;
}

/**
 * How long a pool connection waits before connecting again after a failed attempt, in seconds:
 * 50 ms doubling, at most 1 s. postgres.js's default grows to 20 s (3^n / 100), and a query waits for
 * that delay before it can fail: with the database down, the API answered its 503 after up to 25 s
 * instead of at once (docs/faults.md, PostgreSQL stopped). Ten connections retrying once a second
 * cost a stopped server nothing.
 */
export function reconnectBackoffSeconds(failedAttempts: number): number {
  return Math.min(0.05 * 2 ** failedAttempts, 1);
}

/**
 * One pool per process, built here and ended with `sql.end({ timeout })` on shutdown.
 *
 * timestamptz comes back as a JS Date and goes out through one, so to the millisecond: a value that
 * must keep its microseconds (a keyset cursor) is sent as text and cast in SQL.
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    backoff: reconnectBackoffSeconds,
    onnotice: options.onnotice ?? (() => undefined),
    // One ledger query text serves filters of very different selectivity: plan each execution with
    // its own values rather than a generic plan cached for the first (docs/ledger.md, "Plans").
    connection: { application_name: 'duban', plan_cache_mode: 'force_custom_plan' },
  });
}

/**
 * Opens every connection of the pool now, in the background, instead of in the first burst of
 * requests: postgres.js opens a connection only when every open one is busy, so the first burst of
 * reports after a start (25 at once) would each wait for a PostgreSQL backend to fork and log in
 * (bench/README.md, intake). Best effort: a database that is down is the readiness probe's to report.
 */
export async function openPool(sql: Sql): Promise<void> {
  const size = sql.options.max;
  const reserved = await Promise.allSettled(Array.from({ length: size }, () => sql.reserve()));
  for (const connection of reserved) if (connection.status === 'fulfilled') connection.value.release();
}

/**
 * Runs `fn` in a transaction of its own, or in a savepoint when `db` already is one, so repository
 * functions that must be atomic still take `sql | tx` and compose inside a caller's transaction.
 */
export async function transaction<T>(db: Db, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = 'savepoint' in db ? await db.savepoint(fn) : await db.begin(fn);
  return result as T;
}
