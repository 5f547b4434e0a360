// The segments' median and p90 are computed in TypeScript over the samples PostgreSQL collects
// (shared/supervision/statistics/percentiles.ts), sent as float8send bytes in PostgreSQL's hex text and
// decoded from that text; they must be PostgreSQL's
// percentile_cont exactly, as docs/statistics.md defines them. Checked against the database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  concatSamples,
  float8SamplesFromHex,
  percentileCont,
  percentilesCont,
} from '../../shared/supervision/statistics/percentiles';
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
      const [row] = await db.sql<{ values: number[] }[]>`
      SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY v) AS values
      FROM unnest(${samples}::float8[]) v`;
      // As the statistics read them: the text PostgreSQL sent for the bytea, undecoded by postgres.js.
      const [text] = await db.sql`
      SELECT string_agg(float8send(v), ''::bytea) FROM unnest(${samples}::float8[]) v`.raw();
      const received = float8SamplesFromHex(text![0]!);
      expect([...received]).toEqual(samples);
      // Selected in place, in the order received, as the statistics take them; and over the sorted copy.
      expect(percentilesCont(Float64Array.from(received), [0.5, 0.9])).toEqual(row!.values.map(Number));
      const sorted = received.sort();
      expect([percentileCont(sorted, 0.5), percentileCont(sorted, 0.9)]).toEqual(row!.values.map(Number));
    },
  );

  it('decodes every bit of a float8 (negative, tiny, huge, fractional) and refuses what is not hex samples', async () => {
    const values = [-0.5, 1e-300, 123456789.125, Number.MAX_VALUE, 0, 86_400];
    const [text] = await db.sql`SELECT string_agg(float8send(v), ''::bytea) FROM unnest(${values}::float8[]) v`.raw();
    expect([...float8SamplesFromHex(text![0]!)]).toEqual(values);
    const hex = (body: string) => Buffer.from(`\\x${body}`, 'latin1');
    expect([...float8SamplesFromHex(hex(''))]).toEqual([]);
    expect([...float8SamplesFromHex(hex('3ff0000000000000'))]).toEqual([1]);
    expect(() => float8SamplesFromHex(hex('00'))).toThrow(/hex/);
    expect(() => float8SamplesFromHex(hex('zz'.repeat(8)))).toThrow(/hex/);
    expect(() => float8SamplesFromHex(hex('3FF0000000000000'))).toThrow(/hex/);
    expect(() => float8SamplesFromHex(Buffer.from('00'.repeat(9)))).toThrow(/hex/);
  });

  it('joins the samples of several reads', () => {
    const joined = concatSamples([new Float64Array([1, 2]), new Float64Array([]), new Float64Array([3])]);
    expect([...joined]).toEqual([1, 2, 3]);
    expect([...concatSamples([])]).toEqual([]);
  });
});
