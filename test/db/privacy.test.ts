// Reporter privacy (issue 4): names and phones live in `reporters`, masked for everyone but the
// office, admins and the case's lead unit; erasure blanks them and leaves the audit chain valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../shared/db/case-chain';
import { listLedger } from '../../shared/db/ledger';
import { createReporter, eraseReporter, findReporter } from '../../shared/db/reporters';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { exportLedgerCsv } from '../../api/exports/ledger-csv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CaseHistory, newCase, visitorActor } from './helpers/cases';
import { collector, parseCsv } from './helpers/export-expect';
import { seedLedgerCity } from './helpers/ledger-city';

const reporterVisitor = visitorActor();
const viewers: Record<string, Viewer> = {
  office: { tokenId: 'o', role: 'office', unitId: 'office' },
  admin: { tokenId: 'a', role: 'admin', unitId: null },
  'lead unit': { tokenId: 'l', role: 'unit', unitId: 'city-management' },
  'co-handling unit': { tokenId: 'c', role: 'unit', unitId: 'xingtai-street' },
  leader: { tokenId: 'd', role: 'leader', unitId: null },
  'visitor who reported it': { tokenId: reporterVisitor.id, role: 'visitor', unitId: null },
};

describe('reporter privacy', () => {
  let db: TestDatabase;
  let sql: Sql;
  let caseId: string;
  let reporterId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
    await seedLedgerCity(sql);
    reporterId = await createReporter(sql, { name: '周建国', phone: '138-1234-5678' });
    const h = new CaseHistory(
      newCase({
        reporterId,
        reportedBy: reporterVisitor,
        lead: 'city-management',
        coHandlers: ['xingtai-street'],
        title: '隐私测试',
      }),
    );
    h.reported();
    h.emit('queued', { lead: 'city-management' });
    await h.record(sql);
    caseId = h.state.id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const seenBy = async (viewer: Viewer) => (await listLedger(sql, viewer, { q: '隐私测试' })).items[0]?.reporter;

  it.each([['office'], ['admin'], ['lead unit']])('shows the %s the reporter unmasked', async (who) => {
    expect(await seenBy(viewers[who]!)).toEqual({ name: '周建国', phone: '138-1234-5678' });
  });

  it.each([['co-handling unit'], ['leader'], ['visitor who reported it']])(
    'masks the reporter for the %s',
    async (who) => {
      expect(await seenBy(viewers[who]!)).toEqual({ name: '周某某', phone: '*******5678' });
    },
  );

  it('keeps names and phones out of the audit trail: events hold the reporter id only', async () => {
    const events = await sql<
      { body: string }[]
    >`SELECT actor::text || data::text AS body FROM case_events WHERE case_id = ${caseId}`;
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.body.includes(reporterId))).toBe(true);
    expect(events.some((e) => e.body.includes('周建国') || e.body.includes('5678'))).toBe(false);
  });

  it('erases a reporter: name and phone blanked, erased_at set once, the audit chain still valid', async () => {
    expect(await verifyCaseChain(sql, caseId)).toMatchObject({ ok: true });

    expect(await eraseReporter(sql, reporterId)).toBe(true);
    const erased = await findReporter(sql, reporterId);
    expect(erased).toMatchObject({ name: null, phone: null });
    expect(erased!.erasedAt).toBeInstanceOf(Date);

    expect(await eraseReporter(sql, reporterId)).toBe(true);
    expect((await findReporter(sql, reporterId))!.erasedAt).toEqual(erased!.erasedAt);
    expect(await verifyCaseChain(sql, caseId)).toEqual({ ok: true, events: 2 });
    expect(await seenBy(viewers.office!)).toBeNull();

    const out = collector();
    await exportLedgerCsv(sql, viewers.office!, { q: '隐私测试' }, out.stream);
    expect(parseCsv(out.bytes().subarray(3).toString('utf8'))[1]![2]).toBe('（已删除）');
  });

  it('answers false for a reporter that does not exist, or an id that is not one', async () => {
    expect(await eraseReporter(sql, '00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await eraseReporter(sql, 'not-a-uuid')).toBe(false);
  });
});
