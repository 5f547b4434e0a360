// The what-if's reading of past cases (shared/db/routing-inputs.ts): many block slices add up to the
// plain GROUP BY, and cases changed, moved or added while the slices are read count once, as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/domain/access';
import { inOneSnapshot, readRoutingInputGroups, sampleCases, type ReadProgress } from '../../shared/db/routing-inputs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';
import { CaseHistory, newCase } from './helpers/cases';

const office: Viewer = { tokenId: '00000000-0000-0000-0000-000000000001', role: 'office', unitId: null };
const CASES = 600;

type Counts = Record<string, number>;
const keyOf = (g: { category: string; locality: string; kind: string }) => `${g.category}|${g.locality}|${g.kind}`;

describe('reading routing inputs in block slices', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    const history = new CaseHistory(newCase({ description: '很'.repeat(300) }));
    history.reported();
    await history.record(db.sql);
    // Copies of that case, spread over categories, localities and kinds, about eight to a block.
    await db.sql`
      INSERT INTO cases
      SELECT (jsonb_populate_record(c, jsonb_build_object(
        'id', c.id || '-' || g,
        'category', (ARRAY['street-vending','neighbour-dispute','unowned'])[1 + g % 3],
        'locality', (ARRAY['xingtai','qishe','qishe-magenao','xingyi'])[1 + g % 4],
        'kind', (ARRAY['problem_clue','suggestion'])[1 + g % 2]))).*
      FROM cases c, generate_series(2, ${CASES}) g WHERE c.id = ${history.state.id}`;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const plainCounts = async (): Promise<Counts> => {
    const rows = await db.sql<{ category: string; locality: string; kind: string; n: number }[]>`
      SELECT category, locality, kind, count(*)::int AS n FROM cases GROUP BY 1, 2, 3`;
    return Object.fromEntries(rows.map((r) => [keyOf(r), r.n]));
  };
  const countsOf = (groups: Array<{ category: string; locality: string; kind: string; cases: number }>): Counts =>
    Object.fromEntries(groups.map((g) => [keyOf(g), g.cases]));

  it('adds up, over many slices, to the plain GROUP BY, with progress to the last block', async () => {
    const progress: ReadProgress[] = [];
    const groups = await inOneSnapshot(db.sql, (tx) =>
      readRoutingInputGroups(tx, office, {}, (p) => void progress.push(p), { minSliceBlocks: 4, maxSlices: 100 }),
    );
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total, cases: CASES });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(countsOf(groups)).toEqual(await plainCounts());
  });

  it('finds one case of each group asked, the filter applied, and none for a group with no case', async () => {
    const asked = [
      { category: 'street-vending', locality: 'xingtai', kind: 'problem_clue' as const },
      { category: 'neighbour-dispute', locality: 'qishe-magenao', kind: 'problem_clue' as const },
      // copies in 兴泰 with street vending are those numbered 12n: never a suggestion
      { category: 'street-vending', locality: 'xingtai', kind: 'suggestion' as const },
    ];
    expect(await inOneSnapshot(db.sql, (tx) => sampleCases(tx, office, { status: ['closed'] }, asked))).toEqual([
      null,
      null,
      null,
    ]);
    const ids = await inOneSnapshot(db.sql, (tx) => sampleCases(tx, office, { status: ['queued'] }, asked));
    expect(ids).toHaveLength(3);
    expect(ids[2]).toBeNull();
    for (const [i, id] of ids.slice(0, 2).entries()) {
      const [row] = await db.sql`SELECT category, locality, kind, status FROM cases WHERE id = ${id}`;
      expect(row).toEqual({ ...asked[i], status: 'queued' });
    }
  });

  it('counts each case once, as it was, while cases are changed, moved and added between slices', async () => {
    const before = await plainCounts();
    let changed = false;
    const groups = await inOneSnapshot(db.sql, (tx) =>
      readRoutingInputGroups(
        tx,
        office,
        {},
        async () => {
          if (changed) return;
          changed = true;
          // Every case to another category (each row moves, some to new blocks past the first slice),
          // and new cases at the table's end: none of it is in the snapshot the first slice read.
          await db.sql`UPDATE cases SET category = 'unowned', description = description || '又'`;
          await db.sql`
          INSERT INTO cases SELECT (jsonb_populate_record(c, jsonb_build_object('id', c.id || '-new'))).*
          FROM cases c`;
        },
        { minSliceBlocks: 4, maxSlices: 100 },
      ),
    );
    expect(changed).toBe(true);
    expect(countsOf(groups)).toEqual(before);
    expect(await db.sql`SELECT count(*)::int AS n FROM cases`).toEqual([{ n: 2 * CASES }]);
  });
});
