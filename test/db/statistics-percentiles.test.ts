// The segments' median and p90 are computed in TypeScript over the samples PostgreSQL collects
// (shared/supervision/statistics/percentiles.ts), sent as float8send bytes; they must be PostgreSQL's
// percentile_cont exactly, as docs/statistics.md defines them. Checked against the database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float8Samples, percentileCont, percentilesCont } from '../../shared/supervision/statistics/percentiles';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** A small deterministic generator (mulberry32), so a failure names the samples it saw. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('percentileCont', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('answers null for no samples, and the one sample for one', () => {
    expect(percentileCont(new Float64Array([]), 0.5)).toBeNull();
    expect(percentileCont(new Float64Array([3600]), 0.9)).toBe(3600);
    expect(percentilesCont(new Float64Array([]), [0.5, 0.9])).toEqual([null, null]);
    expect(percentilesCont(new Float64Array([3600]), [0.5, 0.9])).toEqual([3600, 3600]);
  });

  it.each([2, 3, 10, 101, 1000, 20_000])(
    'equals PostgreSQL’s percentile_cont over %i samples in any order',
    async (n) => {
      const random = seeded(n);
      // Durations as the fold stores them: seconds with fractions, some repeated, spread over weeks.
      const samples = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 86_400 : Math.round(random() * 3e8) / 100));
      const [row] = await db.sql<{ values: number[]; bytes: Buffer }[]>`
      SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY v) AS values,
             string_agg(float8send(v), ''::bytea) AS bytes
      FROM unnest(${samples}::float8[]) v`;
      // As the statistics read them: the bytes PostgreSQL sent, decoded and sorted here.
      const received = float8Samples([row!.bytes]);
      expect([...received]).toEqual(samples);
      // Selected in place, in the order received, as the statistics take them; and over the sorted copy.
      expect(percentilesCont(Float64Array.from(received), [0.5, 0.9])).toEqual(row!.values.map(Number));
      const sorted = received.sort();
      expect([percentileCont(sorted, 0.5), percentileCont(sorted, 0.9)]).toEqual(row!.values.map(Number));
    },
  );
});
