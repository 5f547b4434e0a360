import { defineConfig } from 'vitest/config';

// `npm run test:cluster` (docs/deployment.md, "A province"): duban against a real Temporal cluster
// (scripts/lib/temporal-cluster.ts) that the first run builds from source. Kept out of `npm test`
// (whose config takes test/**/*.test.ts only) because of that build. One file at a time: each starts
// its own cluster, PostgreSQL servers, two workers and the API on two cores.
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
    globalSetup: ['test/cluster/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-runtime.ts'],
  },
});
