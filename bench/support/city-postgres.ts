// The PostgreSQL settings of the benches over the ledger bench's 1,000,000 cases (ledger, statistics,
// what-if): a modest production server for a table of this size, durability off as in the tests, and
// the same in each so that their figures compare.
export const CITY_POSTGRES_SETTINGS = {
  shared_buffers: '1GB',
  effective_cache_size: '8GB',
  work_mem: '32MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
  random_page_cost: '1.1',
  jit: 'off',
};
