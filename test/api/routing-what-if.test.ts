// POST /v1/routing/what-if and publishing after a preview (issue 17, parts 2 and 3), over a hand-built
// ledger whose figures are counted by hand below, then the rule sets' history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseKind, CaseStatus } from '../../shared/domain/enums';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { publishRules } from '../../shared/db/rules';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { CaseHistory, newCase } from '../db/helpers/cases';
import type { WhatIfFigures } from '../../shared/routing/what-if';

/** The answer: the figures as shared/routing/what-if.ts computes them, with the preview's id. */
type Answer = WhatIfFigures & { id: string; baseVersion: number };

// The rule set in force (version 2): seedSmallCity's neighbour disputes in 七舍镇 → 司法局 with the
// locality's unit as co-handler, and 其他 → 大走访活动办; otherwise the business owner, else the
// locality's unit, else triage.
const IN_FORCE = [
  {
    id: 'r-village-disputes',
    category: 'neighbour-dispute',
    locality: 'qishe',
    lead: 'justice-bureau',
    coHandlers: ['locality'],
  },
  { id: 'unowned-office', category: 'unowned', lead: 'office' },
];

// The ledger, by routing inputs, and what the draft does to each group. The default principle: the
// business owner leads and the locality's unit co-handles (业务主管牵头、属地配合).
const LEDGER: Array<{
  category: string;
  locality: string;
  n: number;
  status?: CaseStatus;
  kind?: CaseKind;
  at?: string;
}> = [
  // before: 综合行政执法局 (business owner). Draft rule sv-xingtai: 兴泰街道 leads, 执法局 co-handles.
  { category: 'street-vending', locality: 'xingtai', n: 3 },
  { category: 'street-vending', locality: 'xingtai', n: 1, status: 'closed', at: '2026-02-10T02:00:00.000Z' },
  // before and after: 综合行政执法局; no draft rule reaches 七舍镇's street vending.
  { category: 'street-vending', locality: 'qishe-magenao', n: 2 },
  // before: 司法局 leads, 七舍镇 co-handles (r-village-disputes). The draft drops that rule: no
  // business owner, so the locality's unit, 七舍镇 (马革闹村 has none of its own), leads alone.
  { category: 'neighbour-dispute', locality: 'qishe-magenao', n: 2 },
  // before: 兴泰街道 (the locality). Draft rule nd-xingtai names the business owner, which this
  // category has none of: the rule falls through to the same locality default. Unchanged.
  { category: 'neighbour-dispute', locality: 'xingtai', n: 1, kind: 'conflict_risk' },
  // before: 大走访活动办 (unowned-office). The draft drops that rule; no owner, and 兴义市 has no
  // governing unit: triage.
  { category: 'unowned', locality: 'xingyi', n: 1 },
  // before and after: triage (no rule, no owner, no governing unit).
  { category: 'neighbour-dispute', locality: 'xingyi', n: 1 },
];

const DRAFT = [
  {
    id: 'sv-xingtai',
    category: 'street-vending',
    locality: 'xingtai',
    lead: 'locality',
    coHandlers: ['business_owner'],
  },
  { id: 'nd-xingtai', category: 'neighbour-dispute', locality: 'xingtai', lead: 'business_owner' },
];

describe('what-if routing and publishing after a preview', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  const sampleIds: Record<string, string[]> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    await publishRules(db.sql, IN_FORCE, 'test');
    for (const row of LEDGER) {
      for (let i = 0; i < row.n; i++) {
        const history = new CaseHistory(
          newCase({
            category: row.category,
            locality: row.locality,
            kind: row.kind ?? 'problem_clue',
            status: row.status ?? 'queued',
            reportedAt: row.at ?? '2026-03-02T01:00:00.000Z',
          }),
        );
        history.reported();
        await history.record(db.sql);
        (sampleIds[`${row.category}@${row.locality}`] ??= []).push(history.state.id);
      }
    }
    api = await buildTestApp(db.sql);
    for (const role of ['office', 'admin', 'leader'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.unit = await tokenFor(db.sql, 'unit', 'city-management');
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const whatIf = (who: string, payload: object, accept?: string) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/routing/what-if',
      headers: { ...bearer(tokens[who]!), ...(accept ? { accept } : {}) },
      payload,
    });
  const shiftOf = (answer: Answer, unitId: string) => answer.perUnit.find((row) => row.unitId === unitId);

  it('counts, over every past case, what the draft would change: the hand count', async () => {
    const response = await whatIf('office', { rules: DRAFT });
    expect(response.statusCode).toBe(200);
    const answer = response.json<Answer>();
    expect(answer).toMatchObject({
      baseVersion: 2,
      cases: 11,
      // 4 street vending in 兴泰 + 2 disputes in 马革闹村 + 1 其他 in 兴义市
      changedLead: 7,
      // 4 street-vending in 兴泰 gain 执法局; 2 disputes in 马革闹村 lose 七舍镇
      changedCoHandlers: 6,
      toTriage: 1,
      triageBefore: 1,
      triageAfter: 2,
    });
    expect(shiftOf(answer, 'city-management')).toEqual({
      unitId: 'city-management',
      before: 6,
      after: 2,
      coHandlingBefore: 0,
      coHandlingAfter: 4,
    });
    // 兴泰街道 co-handled the street vending in 兴泰 and now leads it; 七舍镇 keeps co-handling its
    // street vending and now leads its disputes instead of co-handling them.
    expect(shiftOf(answer, 'xingtai-street')).toEqual({
      unitId: 'xingtai-street',
      before: 1,
      after: 5,
      coHandlingBefore: 4,
      coHandlingAfter: 0,
    });
    expect(shiftOf(answer, 'office')).toMatchObject({ before: 1, after: 0 });
    expect(shiftOf(answer, 'justice-bureau')).toMatchObject({ before: 2, after: 0 });
    expect(shiftOf(answer, 'qishe-town')).toMatchObject({
      before: 0,
      after: 2,
      coHandlingBefore: 4,
      coHandlingAfter: 2,
    });
    // The leads before and after add up to the cases not in triage.
    expect(answer.perUnit.reduce((sum, row) => sum + row.before, 0)).toBe(11 - 1);
    expect(answer.perUnit.reduce((sum, row) => sum + row.after, 0)).toBe(11 - 2);

    // The largest change first, with both explanations in Chinese and a case one can open.
    const [first] = answer.examples;
    expect(first).toMatchObject({ category: 'street-vending', locality: 'xingtai', cases: 4 });
    expect(sampleIds['street-vending@xingtai']).toContain(first!.caseId);
    expect(first!.before).toMatchObject({ lead: 'city-management', coHandlers: ['xingtai-street'] });
    expect(first!.after).toMatchObject({
      lead: 'xingtai-street',
      coHandlers: ['city-management'],
      ruleId: 'sv-xingtai',
    });
    expect(first!.after.explanation.join('')).toMatch(/兴泰街道/);
    expect(answer.examples).toHaveLength(3);
  });

  it('narrows to the filter: period, status, category and locality', async () => {
    const march = (await whatIf('office', { rules: DRAFT, filter: { reportedFrom: '2026-03-01' } })).json<Answer>();
    expect(march).toMatchObject({ cases: 10, changedLead: 6 });
    const closed = (await whatIf('admin', { rules: DRAFT, filter: { status: ['closed'] } })).json<Answer>();
    expect(closed).toMatchObject({ cases: 1, changedLead: 1, changedCoHandlers: 1 });
    const qishe = (
      await whatIf('office', { rules: DRAFT, filter: { locality: 'qishe', category: ['neighbour-dispute'] } })
    ).json<Answer>();
    expect(qishe).toMatchObject({ cases: 2, changedLead: 2, toTriage: 0 });
  });

  it('streams progress lines, then the answer, when asked for NDJSON', async () => {
    const response = await whatIf('office', { rules: DRAFT }, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; done?: number; total?: number; cases?: number });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.slice(0, -1).every((line) => line.type === 'progress')).toBe(true);
    expect(lines.at(-2)).toMatchObject({ done: lines.at(-2)!.total, cases: 11 });
    expect(lines.at(-1)).toMatchObject({ type: 'result', cases: 11, changedLead: 7 });
  });

  it('refuses an invalid draft as a publish would (422), and callers other than office and admin (403)', async () => {
    const before = await db.sql`SELECT count(*)::int AS n FROM routing_previews`;
    const conflicting = await whatIf('office', {
      rules: [
        { id: 'a', category: 'street-vending', lead: 'city-management' },
        { id: 'b', category: 'street-vending', lead: 'xingtai-street' },
      ],
    });
    expect(conflicting.statusCode).toBe(422);
    expect(conflicting.json<{ conflictingRules: string[] }>().conflictingRules.sort()).toEqual(['a', 'b']);
    expect((await whatIf('office', { rules: DRAFT, filter: { status: ['lost'] } })).statusCode).toBe(400);
    expect((await whatIf('leader', { rules: DRAFT })).statusCode).toBe(403);
    expect((await whatIf('unit', { rules: DRAFT })).statusCode).toBe(403);
    expect(await db.sql`SELECT count(*)::int AS n FROM routing_previews`).toEqual(before);
  });

  it('runs at most two previews at once in a process; a third is 429 with Retry-After and keeps nothing', async () => {
    const locker = await db.sql.reserve();
    try {
      await locker`BEGIN`;
      // Holds every read of the cases table: the two previews wait inside their read.
      await locker`LOCK TABLE cases IN ACCESS EXCLUSIVE MODE`;
      const first = whatIf('office', { rules: DRAFT });
      const second = whatIf('admin', { rules: DRAFT });
      await expect
        .poll(
          async () =>
            (
              await db.sql<{ n: number }[]>`
                SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`
            )[0]!.n,
          { timeout: 10_000 },
        )
        .toBe(2);
      const kept = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM routing_previews`;
      const third = await whatIf('office', { rules: DRAFT });
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBe('10');
      await locker`COMMIT`;
      expect((await first).statusCode).toBe(200);
      expect((await second).statusCode).toBe(200);
      expect(await db.sql`SELECT count(*)::int AS n FROM routing_previews`).toEqual([{ n: kept[0]!.n + 2 }]);
      expect((await whatIf('office', { rules: DRAFT })).statusCode).toBe(200);
    } finally {
      locker.release();
    }
  });

  it('publishes after a preview of the same draft; refuses another draft or a stale preview; lists the versions', async () => {
    const put = (payload: object) =>
      api.app.inject({ method: 'PUT', url: '/v1/routing-rules', headers: bearer(tokens.admin!), payload });
    const preview = (await whatIf('office', { rules: DRAFT })).json<Answer>();

    const other = await put({ rules: DRAFT.slice(0, 1), previewId: preview.id });
    expect(other.statusCode).toBe(422);
    const unknown = await put({ rules: DRAFT, previewId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect((await api.app.inject({ url: '/v1/routing-rules', headers: bearer(tokens.office!) })).json()).toMatchObject({
      version: 2,
    });

    // Key order and the same rules: still the draft that was previewed.
    const reordered = DRAFT.map((rule) => Object.fromEntries(Object.entries(rule).reverse()));
    const published = await put({ rules: reordered, previewId: preview.id });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 3 });
    // The preview compared with version 2; version 3 is in force now.
    const stale = await put({ rules: DRAFT, previewId: preview.id });
    expect(stale.statusCode).toBe(409);

    const list = await api.app.inject({ url: '/v1/routing-rules/versions', headers: bearer(tokens.office!) });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toMatchObject([
      { version: 3, ruleCount: 2, publishedBy: 'admin', previewId: preview.id },
      { version: 2, ruleCount: 2, publishedBy: 'test', previewId: null },
      { version: 1, ruleCount: 1, publishedBy: 'test', previewId: null },
    ]);
    const shown = await api.app.inject({ url: '/v1/routing-rules/versions/3', headers: bearer(tokens.admin!) });
    expect(shown.json()).toMatchObject({
      version: 3,
      rules: [{ id: 'sv-xingtai' }, { id: 'nd-xingtai' }],
      preview: { id: preview.id, baseVersion: 2, createdBy: 'office', cases: 11, changedLead: 7, toTriage: 1 },
    });
    expect(
      (await api.app.inject({ url: '/v1/routing-rules/versions/9', headers: bearer(tokens.office!) })).statusCode,
    ).toBe(404);
    expect(
      (await api.app.inject({ url: '/v1/routing-rules/versions', headers: bearer(tokens.unit!) })).statusCode,
    ).toBe(403);

    // After publishing, the same draft changes nothing.
    const again = (await whatIf('office', { rules: DRAFT })).json<Answer>();
    expect(again).toMatchObject({ baseVersion: 3, cases: 11, changedLead: 0, changedCoHandlers: 0, toTriage: 0 });
    expect(again.examples).toEqual([]);
  });
});
