import { afterAll, beforeAll, describe, it } from 'vitest';
import postgres from 'postgres';
import { countLedger, listLedger } from '../../shared/db/ledger';
import type { LedgerFilter } from '../../shared/db/ledger-filter';
import type { Viewer } from '../../shared/domain/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedLedgerCity } from './helpers/ledger-city';
import { generateCases, recordCases, VISITOR_TOKENS } from './helpers/ledger-data';
import { writeFileSync } from 'node:fs';

const office: Viewer = { tokenId: 'office-token', role: 'office', unitId: 'office' };
describe('plans', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ max: 10 });
    await seedLedgerCity(db.sql);
    await recordCases(db.sql, generateCases(Number(process.env.N ?? 3000)));
    await db.sql`VACUUM ANALYZE`;
    console.log('DBURL', db.url);
  }, 600_000);
  afterAll(async () => {
    if (!process.env.KEEP) await db?.drop();
    else await db.sql.end();
  });
  it('prints', async () => {
    const captured: Array<{ q: string; p: unknown[] }> = [];
    const spy = postgres(db.url, { max: 1, debug: (_c, q, p) => captured.push({ q, p: p as unknown[] }) });
    const cases: Array<[string, Viewer, LedgerFilter]> = [
      ['office, first page', office, {}],
      ['unit scope qishe-town', { tokenId: 't', role: 'unit', unitId: 'qishe-town' }, {}],
      ['visitor scope', { tokenId: VISITOR_TOKENS[0]!, role: 'visitor', unitId: null }, {}],
      ['status in_progress', office, { status: ['in_progress'] }],
      ['status triage', office, { status: ['triage'] }],
      ['unit filter', office, { unit: 'xingtai-street' }],
      ['locality subtree qishe', office, { locality: 'qishe' }],
      ['locality village', office, { locality: 'qishe-magenao' }],
      ['category noise', office, { category: ['noise'] }],
      ['overdue', office, { overdue: true }],
      ['escalation 2', office, { escalationLevel: 2 }],
      [
        'reported range',
        office,
        { reportedFrom: new Date('2026-02-01T00:00:00Z'), reportedTo: new Date('2026-02-15T00:00:00Z') },
      ],
      ['q 噪音', office, { q: '噪音' }],
      ['q 路灯不亮', office, { q: '路灯不亮' }],
      ['q 夜间噪音扰民', office, { q: '夜间噪音扰民' }],
      ['q rare 3_1号楼', office, { q: '3_1号楼' }],
      ['q rare 白龙山 (absent)', office, { q: '白龙山村委' }],
      ['unit scope + status', { tokenId: 't', role: 'unit', unitId: 'qishe-town' }, { status: ['triage', 'queued'] }],
    ];
    let out = '';
    for (const [name, viewer, filter] of cases) {
      captured.length = 0;
      await listLedger(spy, viewer, filter, { limit: 50 });
      const { q, p } = captured[captured.length - 1]!;
      const plan = await spy.unsafe(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING ON, SUMMARY ON) ${q}`, p as never[]);
      out += `\n### ${name}\n` + plan.map((r) => r['QUERY PLAN']).join('\n') + '\n';
    }
    // second page
    const first = await listLedger(spy, office, {}, { limit: 50 });
    captured.length = 0;
    await listLedger(spy, office, {}, { limit: 50, cursor: first.nextCursor });
    {
      const { q, p } = captured[captured.length - 1]!;
      const plan = await spy.unsafe(`EXPLAIN (ANALYZE, SUMMARY ON) ${q}`, p as never[]);
      out += `\n### office, second page\n` + plan.map((r) => r['QUERY PLAN']).join('\n') + '\n';
    }
    captured.length = 0;
    await countLedger(spy, { tokenId: 't', role: 'unit', unitId: 'qishe-town' }, {});
    for (const { q, p } of [...captured]) {
      const plan = await spy.unsafe(`EXPLAIN (ANALYZE, SUMMARY ON) ${q}`, p as never[]);
      out += `\n### counts (unit)\n` + plan.map((r) => r['QUERY PLAN']).join('\n') + '\n';
    }
    writeFileSync(`/tmp/plans-${process.env.N ?? 3000}.txt`, out);
    await spy.end();
  });
});
