// The ledger (整改台账, issue 4): every filter, locality subtrees, Chinese free text, keyset pages and
// counts, over 3,000 cases recorded through recordTransition, checked against plain TypeScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLedger, listLedger } from '../../shared/db/ledger';
import { LedgerFilterSchema } from '../../api/routes/ledger-filter-parser';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import { InvalidCursorError, encodeCursor } from '../../shared/db/pagination';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { CASE_STATUSES } from '../../shared/domain/enums';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { newCase } from './helpers/cases';
import { seedLedgerCity } from './helpers/ledger-city';
import { generateCases, historyOf, recordCases, VISITOR_TOKENS, type GeneratedCase } from './helpers/ledger-data';
import { allPages, expectedIds, inScope, matches } from './helpers/ledger-expect';
import { explainLedgerPage, planNodes } from './helpers/plans';

const office: Viewer = { tokenId: 'office-token', role: 'office', unitId: 'office' };
const CASES = 3000;

describe(`the ledger over ${CASES} generated cases`, () => {
  let db: TestDatabase;
  let sql: Sql;
  let cases: GeneratedCase[];
  let midnight: { before: string; after: string };

  beforeAll(async () => {
    db = await createTestDatabase({ max: 10 });
    sql = db.sql;
    await seedLedgerCity(sql);
    cases = generateCases(CASES - 2);
    // Either side of midnight in Beijing on 1 March: date-only filters must split them.
    const [before, after] = ['2026-03-01T15:59:59.999Z', '2026-03-01T16:00:00.000Z'].map((reportedAt) =>
      newCase({ reportedAt, locality: 'jingnan-baihe', category: 'noise' }),
    );
    midnight = { before: before!.id, after: after!.id };
    cases.push({ state: before!, reporter: null }, { state: after!, reporter: null });
    await recordCases(sql, cases);
    // Every event rewrote its case's row: vacuum as autovacuum would have, so plans see a settled table.
    await sql`VACUUM ANALYZE`;
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  const ids = async (viewer: Viewer, filter: LedgerFilter = {}, limit = 200) =>
    (await allPages(sql, viewer, filter, limit)).map((item) => item.id);

  it('pages through every case newest first, each exactly once, ties broken by id', async () => {
    const listed = await ids(office, {}, 137);
    expect(listed).toHaveLength(CASES);
    expect(new Set(listed).size).toBe(CASES);
    expect(listed).toEqual(expectedIds(cases, office));
  });

  it('splits pages inside one instant without losing or repeating a case, to the microsecond', async () => {
    const burst = Array.from({ length: 8 }, () =>
      newCase({
        reportedAt: '2026-06-30T10:00:00.999Z',
        title: '同一时刻的问题',
        locality: 'xingyi',
        category: 'noise',
      }),
    );
    for (const state of burst) {
      cases.push({ state, reporter: null });
      await historyOf(state).record(sql);
    }
    // Times from other writers (now(), imports) carry microseconds, which a JS Date would round away.
    for (const [i, micros] of [
      [5, '999500'],
      [6, '999500'],
      [7, '999001'],
    ] as const) {
      burst[i]!.reportedAt = `2026-06-30T10:00:00.${micros}Z`;
      await sql`UPDATE cases SET reported_at = ${burst[i]!.reportedAt}::text::timestamptz WHERE id = ${burst[i]!.id}`;
    }
    const listed = await ids(office, { q: '同一时刻' }, 2);
    expect(listed).toHaveLength(burst.length);
    expect(listed).toEqual(expectedIds(cases, office, { q: '同一时刻' }));
  });

  it('keeps pages stable while new cases arrive ahead of the cursor', async () => {
    const first = await listLedger(sql, office, { category: ['noise'] }, { limit: 20 });
    const newer = newCase({ reportedAt: '2026-12-31T00:00:00.000000Z', category: 'noise', locality: 'xingyi' });
    cases.push({ state: newer, reporter: null });
    await historyOf(newer).record(sql);
    const second = await listLedger(sql, office, { category: ['noise'] }, { limit: 20, cursor: first.nextCursor });
    const expected = expectedIds(cases, office, { category: ['noise'] }).filter((id) => id !== newer.id);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(expected.slice(0, 40));
  });

  const filters: Array<[string, LedgerFilter]> = [
    ['status', { status: ['in_progress'] }],
    ['several statuses', { status: ['triage', 'queued'] }],
    ['unit, as lead or co-handler', { unit: 'xingtai-street' }],
    ['locality: a township and the villages below it', { locality: 'qishe' }],
    ['locality: a village alone', { locality: 'qishe-magenao' }],
    ['locality: the city, i.e. everything', { locality: 'xingyi' }],
    ['category', { category: ['noise'] }],
    ['kind', { kind: ['hardship'] }],
    ['priority', { priority: ['urgent'] }],
    ['overdue', { overdue: true }],
    ['not overdue', { overdue: false }],
    ['escalation level', { escalationLevel: 2 }],
    [
      'reported between two instants',
      { reportedFrom: new Date('2026-02-01T00:00:00Z'), reportedTo: new Date('2026-02-15T12:00:00Z') },
    ],
    ['free text, two Chinese characters', { q: '噪音' }],
    ['free text, a longer Chinese phrase', { q: '路灯不亮' }],
    ['free text, every word must appear', { q: '噪音 菜市场' }],
    ['free text with a literal %', { q: '50%' }],
    ['free text with a literal _', { q: '3_1' }],
    [
      'several filters at once',
      { status: ['in_progress', 'assigned'], unit: 'city-management', locality: 'wanfenglin', q: '问题' },
    ],
  ];

  it.each(filters)('filters by %s, exactly', async (_, filter) => {
    const expected = expectedIds(cases, office, filter);
    expect(expected.length, 'the generated data must exercise this filter').toBeGreaterThan(0);
    expect(await ids(office, filter)).toEqual(expected);
  });

  it('reads a bare date as that day in Beijing: from its midnight, to its end', async () => {
    const { before, after } = midnight;
    const onFirst = await ids(
      office,
      LedgerFilterSchema.parse({ reportedFrom: '2026-03-01', reportedTo: '2026-03-01' }),
    );
    const onSecond = await ids(
      office,
      LedgerFilterSchema.parse({ reportedFrom: '2026-03-02', reportedTo: '2026-03-02' }),
    );
    expect(onFirst).toContain(before);
    expect(onFirst).not.toContain(after);
    expect(onSecond).toContain(after);
    expect(onSecond).not.toContain(before);
  });

  it('finds nothing when a search word is absent, rather than everything', async () => {
    expect(await ids(office, { q: '完全不存在的词' })).toEqual([]);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(listLedger(sql, office, {}, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listLedger(sql, office, {}, { cursor: encodeCursor(['yesterday', 3]) })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  describe('plans (docs/ledger.md)', () => {
    const pages: Array<[string, Viewer, LedgerFilter]> = [
      ['the office’s first page', office, {}],
      ['a unit’s first page', { tokenId: 't', role: 'unit', unitId: 'qishe-town' }, {}],
      ['a visitor’s first page', { tokenId: VISITOR_TOKENS[0]!, role: 'visitor', unitId: null }, {}],
      ['a rare status', office, { status: ['triage'] }],
      ['a village', office, { locality: 'qishe-magenao' }],
      ['a locality without cases', office, { locality: 'nowhere' }],
      ['overdue cases', office, { overdue: true }],
      ['level-2 escalations', office, { escalationLevel: 2 }],
      ['a word found nowhere', office, { q: '完全不存在的词' }],
    ];

    it.each(pages)('read %s through an index, never the whole cases table', async (_, viewer, filter) => {
      const nodes = planNodes(await explainLedgerPage(db.url, viewer, filter));
      const [trgm] = await sql`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`;
      if (filter.q && !trgm) return; // Without pg_trgm, free text has no index to read.
      expect(nodes.filter((n) => n['Relation Name'] === 'cases' && n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(nodes.some((n) => n['Index Name']?.startsWith('cases_'))).toBe(true);
    });
  });

  describe('scope', () => {
    const unit = (unitId: string | null): Viewer => ({ tokenId: `t-${unitId}`, role: 'unit', unitId });
    const visitor: Viewer = { tokenId: VISITOR_TOKENS[0]!, role: 'visitor', unitId: null };

    it('shows a unit the cases it leads or co-handles, and nothing else', async () => {
      const viewer = unit('qishe-town');
      const listed = await ids(viewer);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual(expectedIds(cases, viewer));
    });

    it('shows a visitor only the cases it reported', async () => {
      const listed = await ids(visitor);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual(expectedIds(cases, visitor));
    });

    it('shows the office, leaders and admins every case', async () => {
      for (const role of ['leader', 'admin'] as const) {
        expect(await ids({ tokenId: role, role, unitId: null })).toHaveLength(cases.length);
      }
    });

    it('never widens scope through a filter: a unit asking for another unit gets only the cases they share', async () => {
      const viewer = unit('qishe-town');
      const listed = await ids(viewer, { unit: 'city-management' });
      const shared = cases.filter((c) => inScope(viewer, c.state) && matches({ unit: 'city-management' }, c.state));
      expect(listed.length).toBe(shared.length);
      expect(listed.length).toBeLessThan(expectedIds(cases, office, { unit: 'city-management' }).length);
      for (const item of await allPages(sql, viewer, { unit: 'city-management' })) {
        expect(item.lead === 'qishe-town' || item.coHandlers.includes('qishe-town')).toBe(true);
      }
    });

    it('never widens scope through a filter: a visitor filtering by unit or locality stays within its own reports', async () => {
      for (const filter of [{ unit: 'city-management' }, { locality: 'xingyi' }, { status: [...CASE_STATUSES] }]) {
        expect(await ids(visitor, filter)).toEqual(expectedIds(cases, visitor, filter));
      }
    });

    it('shows a unit token without a unit nothing at all', async () => {
      expect(await ids(unit(null))).toEqual([]);
    });
  });

  describe('counts', () => {
    function expectedCounts(viewer: Viewer, filter: LedgerFilter = {}) {
      const scoped = cases.map((c) => c.state).filter((s) => inScope(viewer, s) && matches(filter, s));
      const byStatus = Object.fromEntries(
        CASE_STATUSES.map((st) => [st, scoped.filter((s) => s.status === st).length]),
      );
      const units = [...new Set(scoped.flatMap((s) => [...(s.lead ? [s.lead] : []), ...s.coHandlers]))].sort();
      const byUnit = units.map((u) => ({
        unitId: u,
        lead: scoped.filter((s) => s.lead === u).length,
        coHandled: scoped.filter((s) => s.coHandlers.includes(u)).length,
        open: scoped.filter((s) => s.lead === u && s.status !== 'closed').length,
        overdue: scoped.filter((s) => s.lead === u && s.overdue).length,
      }));
      return { total: scoped.length, byStatus, byUnit };
    }
    const strip = (counts: Awaited<ReturnType<typeof countLedger>>) => ({
      ...counts,
      byUnit: counts.byUnit.map(({ unitName: _, ...u }) => u),
    });

    it('counts per status and per unit, for the whole ledger', async () => {
      const counts = await countLedger(sql, office);
      expect(strip(counts)).toEqual(expectedCounts(office));
      expect(counts.byUnit.find((u) => u.unitId === 'qishe-town')?.unitName).toBe('七舍镇人民政府');
    });

    it('counts under the same scope and filters as the list', async () => {
      const viewer: Viewer = { tokenId: 't', role: 'unit', unitId: 'civil-affairs' };
      const filter: LedgerFilter = { locality: 'jingnan', priority: ['high', 'urgent'] };
      const counts = await countLedger(sql, viewer, filter);
      expect(strip(counts)).toEqual(expectedCounts(viewer, filter));
      expect(counts.total).toBe((await ids(viewer, filter)).length);
    });
  });
});
