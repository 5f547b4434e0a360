import { defineConfig } from 'vitest/config';

// The whole fault suite (scripts/fault-suite.ts): the fast scenarios that also run in `npm test`
// (test/faults/*.test.ts) and the slow ones that only run here (test/faults/*.slow.ts). One file at
// a time: each starts its own Temporal server, worker process and (slow ones) PostgreSQL.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts', 'test/faults/**/*.slow.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-runtime.ts'],
  },
});
