import { defineConfig } from 'vitest/config';

// Tests talk to real servers started by scripts/test.ts (PostgreSQL, Temporal dev server); workflow
// timer tests start their own time-skipping server. Two cores: keep parallelism modest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-runtime.ts'],
  },
});
