// One case schema (issue 11): the read model's row is derived from one column map, and every field the
// case's readers see comes out of it. A snapshot is recorded through recordTransition, read back with
// findCase and listLedger, and turned into the API's view: a field added to the schema's visible
// fields without its column, or a column written but not read back, fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCaseView } from '../../api/routes/case-view';
import type { CaseState } from '../../shared/contracts/case';
import { isStoredField, pickFields } from '../../shared/db/case-columns';
import { findCase } from '../../shared/db/case-queries';
import { listLedger } from '../../shared/db/ledger';
import { createReporter } from '../../shared/db/reporters';
import type { Sql } from '../../shared/db/sql';
import type { Viewer } from '../../shared/domain/access';
import { CaseViewSchema } from '../../shared/domain/case';
import { LedgerItemSchema } from '../../shared/domain/ledger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';
import { CaseHistory, newCase } from './helpers/cases';

const office: Viewer = { tokenId: 'office-token', role: 'office', unitId: 'office' };

/** A closed case with every optional part filled, so no field can pass for being null on both sides. */
function closedCase(reporterId: string): CaseState {
  return newCase({
    status: 'closed',
    priority: 'high',
    reporterId,
    coHandlers: ['xingtai-street'],
    dispatch: { batchId: 'b1', batchNumber: 3 },
    acceptDue: '2026-03-03T01:00:00.000Z',
    deadline: '2026-04-01T01:00:00.000Z',
    nextReportDue: '2026-03-09T01:00:00.000Z',
    missedReports: 2,
    overdue: true,
    escalationLevel: 1,
    resolution: {
      unitId: 'city-management',
      measures: '规范设点经营',
      outcome: '商户满意',
      resolvedAt: '2026-04-03T01:00:00.000Z',
    },
    followUpDue: '2026-04-10T01:00:00.000Z',
    closeReason: 'resolved',
    closedAt: '2026-04-05T01:00:00.000Z',
  });
}

/** A read-back value as the snapshot held it: the database gives times back as Dates. */
const asWritten = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

describe('the read model row, derived from one column map', () => {
  let db: TestDatabase;
  let sql: Sql;
  let snapshot: CaseState;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
    await seedSmallCity(sql);
    const history = new CaseHistory(closedCase(await createReporter(sql, { name: '周建国', phone: '13800001234' })));
    history.reported();
    await history.record(sql);
    snapshot = history.state;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reads back every stored snapshot field with the value the snapshot held', async () => {
    const row = (await findCase(sql, snapshot.id))!;
    const stored = Object.keys(row).filter(isStoredField);
    // Of the stored fields only resolvedAt is not one of the state's own: it is the resolution's time.
    expect(stored.filter((field) => !(field in snapshot))).toEqual(['resolvedAt']);
    for (const field of stored.filter((f) => f !== 'resolvedAt')) {
      expect({ field, value: asWritten(row[field]) }).toEqual({ field, value: snapshot[field as keyof CaseState] });
    }
    expect(row.resolvedAt).toEqual(new Date(snapshot.resolution!.resolvedAt));
    expect(row).toMatchObject({ leadUnitId: 'city-management', reporterName: '周建国', reporterPhone: '13800001234' });
  });

  it('gives the case view every CaseViewSchema field, each as the snapshot holds it', async () => {
    const view = toCaseView((await findCase(sql, snapshot.id))!, office);
    expect(Object.keys(view).sort()).toEqual(Object.keys(CaseViewSchema.shape).sort());
    expect(CaseViewSchema.strict().parse(view)).toEqual(view);
    const { reporter, ...fromSnapshot } = view;
    expect(fromSnapshot).toEqual(pickFields(snapshot, Object.keys(fromSnapshot) as Array<keyof CaseState>));
    expect(reporter).toEqual({ name: '周建国', phone: '13800001234' });
  });

  it('gives the ledger line every LedgerItemSchema field, the case fields as the snapshot holds them', async () => {
    const { items } = await listLedger(sql, office);
    const line = items.find((item) => item.id === snapshot.id)!;
    expect(Object.keys(line).sort()).toEqual(Object.keys(LedgerItemSchema.shape).sort());
    const caseFields = Object.keys(line).filter((key) => key in snapshot) as Array<keyof CaseState>;
    expect(caseFields.length).toBeGreaterThan(10);
    for (const field of caseFields) {
      expect({ field, value: asWritten(line[field as keyof typeof line]) }).toEqual({ field, value: snapshot[field] });
    }
  });
});
