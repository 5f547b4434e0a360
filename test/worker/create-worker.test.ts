// The worker's sticky cache is an operator's knob (DUBAN_MAX_CACHED_WORKFLOWS): ≈ 300 KiB per cached
// case (bench/README.md, footprint). Checked on a real worker against the run's dev server.
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadConfig } from '../../shared/config';
import type { Sql } from '../../shared/db/sql';
import { createDubanWorker } from '../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { uniqueTaskQueue } from '../support/temporal';

describe('the worker built by createDubanWorker', () => {
  let db: TestDatabase;
  let sql: Sql;
  let connection: NativeConnection;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
    connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  });
  afterAll(async () => {
    await connection?.close();
    await db?.drop();
  });

  const build = (maxCachedWorkflows?: number) =>
    createDubanWorker({
      connection,
      namespace: 'default',
      taskQueue: uniqueTaskQueue('cache'),
      sql,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      maxCachedWorkflows,
    });

  it('takes its sticky cache size from DUBAN_MAX_CACHED_WORKFLOWS', async () => {
    const config = loadConfig({ DUBAN_MAX_CACHED_WORKFLOWS: '500' });
    const worker = await build(config.DUBAN_MAX_CACHED_WORKFLOWS);
    await worker.runUntil(Promise.resolve()); // polls, then shuts down and lets go of the connection
    expect(worker.options.maxCachedWorkflows).toBe(500);
  });

  it("keeps the SDK's memory-based default when the variable is unset", async () => {
    const worker = await build(loadConfig({}).DUBAN_MAX_CACHED_WORKFLOWS);
    await worker.runUntil(Promise.resolve());
    expect(worker.options.maxCachedWorkflows).toBeGreaterThan(0);
    expect(worker.options.maxCachedWorkflows).not.toBe(500);
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => loadConfig({ DUBAN_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/DUBAN_MAX_CACHED_WORKFLOWS/);
  });
});
