// The segments' median and p90 are computed in TypeScript over the samples PostgreSQL collects
// (shared/supervision/statistics/percentiles.ts), sent as whole seconds (int4send bytes) in PostgreSQL's
// hex text and decoded from that text; they must be PostgreSQL's percentile_cont over those seconds
// exactly, as docs/statistics.md defines them. Checked against the database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  percentileCont,
  percentilesCont,
  sampleCount,
  samplesFromHexParts,
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
    'equals PostgreSQL’s percentile_cont over %i samples in any order, in whole seconds',
    async (n) => {
      const random = seeded(n);
      // Durations as the fold stores them: seconds with fractions, some repeated, spread over weeks.
      const samples = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 86_400 : Math.round(random() * 3e8) / 100));
      const [row] = await db.sql<{ values: number[]; seconds: number[] }[]>`
      SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY v::int4) AS values,
             array_agg(v::int4 ORDER BY ordinality) AS seconds
      FROM unnest(${samples}::float8[]) WITH ORDINALITY v`;
      // As the statistics read them: the text PostgreSQL sent for the bytea, undecoded by postgres.js.
      const [text] = await db.sql`
      SELECT string_agg(int4send(v::int4), ''::bytea ORDER BY ordinality)
      FROM unnest(${samples}::float8[]) WITH ORDINALITY v`.raw();
      const received = samplesFromHexParts([text![0]!]);
      expect([...received]).toEqual(row!.seconds);
      // Selected in place, in the order received, as the statistics take them; and over the sorted copy.
      expect(percentilesCont(Float64Array.from(received), [0.5, 0.9])).toEqual(row!.values.map(Number));
      const sorted = received.sort();
      expect([percentileCont(sorted, 0.5), percentileCont(sorted, 0.9)]).toEqual(row!.values.map(Number));
    },
  );

  it('decodes every bit of an int4 (negative, zero, the extremes) and refuses what is not hex samples', async () => {
    const values = [-2_147_483_648, -1, 0, 1, 86_400, 2_147_483_647];
    const [text] = await db.sql`
      SELECT string_agg(int4send(v), ''::bytea ORDER BY ordinality) FROM unnest(${values}::int4[]) WITH ORDINALITY v`.raw();
    expect([...samplesFromHexParts([text![0]!])]).toEqual(values);
    const hex = (body: string) => Buffer.from(`\\x${body}`, 'latin1');
    expect([...samplesFromHexParts([hex('')])]).toEqual([]);
    expect([...samplesFromHexParts([hex('00015180')])]).toEqual([86_400]);
    expect(() => sampleCount(hex('00'))).toThrow(/hex/);
    expect(() => samplesFromHexParts([hex('zz'.repeat(4))])).toThrow(/hex/);
    expect(() => samplesFromHexParts([hex('0001518A'.toUpperCase() + '00000000')])).toThrow(/hex/);
    expect(() => sampleCount(Buffer.from('00'.repeat(5)))).toThrow(/hex/);
  });

  it('joins the samples of several reads into one array, in order', () => {
    const hex = (body: string) => Buffer.from(`\\x${body}`, 'latin1');
    const joined = samplesFromHexParts([hex('0000000100000002'), hex(''), hex('00000003')]);
    expect([...joined]).toEqual([1, 2, 3]);
    expect([...samplesFromHexParts([])]).toEqual([]);
  });
});
