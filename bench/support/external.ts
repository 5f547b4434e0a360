// Point the benches at servers of your own instead of the ones they start: BENCH_TEMPORAL_ADDRESS
// (a Temporal cluster's frontend; its default namespace needs duban's search attributes, see
// docs/deployment.md) and BENCH_DATABASE_URL (an empty database the bench may migrate and fill).
// Unset, each bench starts a Temporal dev server on a SQLite file and a PostgreSQL 15 of its own.
export const external = {
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  temporalAddress: process.env.BENCH_TEMPORAL_ADDRESS || undefined,
};
