// The audit trail (issue 4): case_events is append-only and hash-chained; verifyCaseChain finds an
// edited, a deleted or a swapped row. Tampering needs a superuser to switch the trigger off, which
// these tests do inside one transaction, so the trigger is back on when it commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../shared/db/case-chain';
import type { Sql, TransactionSql } from '../../shared/db/sql';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CaseHistory, newCase, officeActor, unitActor } from './helpers/cases';

/** A five-event case: reported, queued, dispatched, accepted, one weekly report. */
async function recordedCase(sql: Sql): Promise<string> {
  const h = new CaseHistory(newCase());
  h.reported();
  h.emit('queued', { lead: 'city-management' });
  h.emit(
    'dispatched',
    { batchId: 'b1', batchNumber: 1, lead: 'city-management', coHandlers: [], acceptDue: '2026-03-03T01:00:00.000Z' },
    { status: 'assigned' },
    officeActor,
  );
  h.emit(
    'accepted',
    { unitId: 'city-management', deadline: '2026-04-01T01:00:00.000Z', nextReportDue: '2026-03-09T01:00:00.000Z' },
    { status: 'in_progress' },
    unitActor('city-management'),
  );
  h.emit(
    'report_submitted',
    {
      reportId: 'r-1',
      unitId: 'city-management',
      progress: '已约谈商户',
      measures: null,
      percentDone: 20,
      blockers: null,
      dueAt: '2026-03-09T01:00:00.000Z',
      onTime: true,
      nextReportDue: '2026-03-16T01:00:00.000Z',
    },
    {},
    unitActor('city-management'),
  );
  await h.record(sql);
  return h.state.id;
}

async function tamper(sql: Sql, change: (tx: TransactionSql) => Promise<unknown>): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_or_delete`;
    await change(tx);
    await tx`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_or_delete`;
  });
}

describe('the audit chain', () => {
  let db: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('verifies an untouched case, counting its events', async () => {
    const id = await recordedCase(sql);
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: true, events: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events while the trigger is on', async () => {
    const id = await recordedCase(sql);
    await expect(sql`UPDATE case_events SET data = '{}' WHERE case_id = ${id} AND seq = 2`).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM case_events WHERE case_id = ${id}`).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE case_events`).rejects.toThrow(/append-only/);
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: true, events: 5 });
  });

  it('detects an edited row at its seq', async () => {
    const id = await recordedCase(sql);
    await tamper(
      sql,
      (tx) => tx`
      UPDATE case_events SET data = jsonb_set(data, '{progress}', '"已全部整改"') WHERE case_id = ${id} AND seq = 5`,
    );
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: false, events: 5, brokenAt: 5 });
  });

  it('detects an edited actor or time, not only data', async () => {
    const actor = await recordedCase(sql);
    await tamper(
      sql,
      (tx) => tx`
      UPDATE case_events SET actor = jsonb_set(actor, '{unitId}', '"justice-bureau"') WHERE case_id = ${actor} AND seq = 4`,
    );
    expect(await verifyCaseChain(sql, actor)).toMatchObject({ ok: false, brokenAt: 4 });
    const time = await recordedCase(sql);
    await tamper(
      sql,
      (tx) => tx`UPDATE case_events SET at = at - interval '3 days' WHERE case_id = ${time} AND seq = 3`,
    );
    expect(await verifyCaseChain(sql, time)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects an edited row whose hash was recomputed, at the next link', async () => {
    const id = await recordedCase(sql);
    await tamper(
      sql,
      (tx) => tx`
      UPDATE case_events SET hash = repeat('0', 64) WHERE case_id = ${id} AND seq = 2`,
    );
    // Row 2 fails first; had the forger also made row 2's hash consistent, row 3's prev_hash would.
    expect(await verifyCaseChain(sql, id)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a deleted row in the middle of the chain', async () => {
    const id = await recordedCase(sql);
    await tamper(sql, (tx) => tx`DELETE FROM case_events WHERE case_id = ${id} AND seq = 3`);
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: false, events: 4, brokenAt: 3 });
  });

  it('detects a deleted last row against the read model', async () => {
    const id = await recordedCase(sql);
    await tamper(sql, (tx) => tx`DELETE FROM case_events WHERE case_id = ${id} AND seq = 5`);
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: false, events: 4, brokenAt: 5 });
  });

  it('detects two swapped rows', async () => {
    const id = await recordedCase(sql);
    await tamper(sql, async (tx) => {
      await tx`UPDATE case_events SET seq = 99 WHERE case_id = ${id} AND seq = 3`;
      await tx`UPDATE case_events SET seq = 3 WHERE case_id = ${id} AND seq = 4`;
      await tx`UPDATE case_events SET seq = 4 WHERE case_id = ${id} AND seq = 99`;
    });
    expect(await verifyCaseChain(sql, id)).toEqual({ ok: false, events: 5, brokenAt: 3 });
  });

  it('detects a whole row replaced by another case’s row with the same seq', async () => {
    const victim = await recordedCase(sql);
    const other = await recordedCase(sql);
    await tamper(sql, async (tx) => {
      await tx`DELETE FROM case_events WHERE case_id = ${victim} AND seq = 2`;
      await tx`
        INSERT INTO case_events (case_id, seq, type, at, actor, data, prev_hash, hash)
        SELECT ${victim}, seq, type, at, actor, data, prev_hash, hash FROM case_events WHERE case_id = ${other} AND seq = 2`;
    });
    expect(await verifyCaseChain(sql, victim)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
