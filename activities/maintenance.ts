import { Context } from '@temporalio/activity';
import { deleteExpiredActionKeys } from '../shared/db/action-idempotency';
import { deleteExpiredIdempotencyKeys } from '../shared/db/idempotency';
import type { Sql } from '../shared/db/sql';

export interface MaintenanceDeps {
  sql: Sql;
}

/** How many expired keys of each kind a purge deleted. */
export interface IdempotencyPurge {
  intakeKeys: number;
  actionKeys: number;
}

// Small deletes, each its own statement: a month of keys at once would hold its locks, and grow the
// WAL, for as long as it ran, with intake and case actions claiming keys in the same tables.
const PURGE_BATCH = 5_000;

async function deleteInBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(PURGE_BATCH);
    total += deleted;
    Context.current().heartbeat(total);
    if (deleted < PURGE_BATCH) return total;
  }
}

/** Housekeeping of duban's own tables; idempotent, as Temporal retries it. */
export function createMaintenanceActivities({ sql }: MaintenanceDeps) {
  return {
    /** Deletes the intake and case-action Idempotency-Keys older than `ttlMs`: expired, they are as if never used. */
    async purgeExpiredIdempotencyKeys({ ttlMs }: { ttlMs: number }): Promise<IdempotencyPurge> {
      return {
        intakeKeys: await deleteInBatches((limit) => deleteExpiredIdempotencyKeys(sql, ttlMs, limit)),
        actionKeys: await deleteInBatches((limit) => deleteExpiredActionKeys(sql, ttlMs, limit)),
      };
    },
  };
}
