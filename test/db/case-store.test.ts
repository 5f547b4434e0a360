// The read model (issue 4): recordTransition appends the event, upserts the snapshot and projects the
// event into its table, once, in order, whatever Temporal's retries do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listCaseEscalations,
  listCaseExtensions,
  listCaseFollowUps,
  listCaseReports,
} from '../../shared/db/case-details';
import { EventOutOfOrderError, recordTransition, recordTransitions } from '../../shared/db/case-store';
import type { Sql } from '../../shared/db/sql';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';
import { CaseHistory, newCase, officeActor, unitActor } from './helpers/cases';
import { readModel } from './helpers/read-model';

/** A case taken from report to rework: every projected event type at least once. */
function fullHistory(): CaseHistory {
  const h = new CaseHistory(newCase({ coHandlers: ['xingtai-street'] }));
  const lead = unitActor('city-management');
  h.reported();
  h.emit('queued', { lead: 'city-management' });
  h.emit(
    'dispatched',
    {
      batchId: 'b1',
      batchNumber: 1,
      lead: 'city-management',
      coHandlers: ['xingtai-street'],
      acceptDue: '2026-03-03T01:00:00.000Z',
    },
    { status: 'assigned', acceptDue: '2026-03-03T01:00:00.000Z' },
    officeActor,
  );
  h.emit(
    'accepted',
    { unitId: 'city-management', deadline: '2026-04-01T01:00:00.000Z', nextReportDue: '2026-03-09T01:00:00.000Z' },
    {
      status: 'in_progress',
      acceptDue: null,
      deadline: '2026-04-01T01:00:00.000Z',
      nextReportDue: '2026-03-09T01:00:00.000Z',
    },
    lead,
  );
  h.emit(
    'report_submitted',
    {
      reportId: 'r-1',
      unitId: 'city-management',
      progress: '已约谈商户',
      measures: '设置临时摊位',
      percentDone: 40,
      blockers: null,
      dueAt: '2026-03-09T01:00:00.000Z',
      onTime: true,
      nextReportDue: '2026-03-16T01:00:00.000Z',
    },
    { nextReportDue: '2026-03-16T01:00:00.000Z' },
    lead,
  );
  h.emit(
    'contribution_added',
    { contributionId: 'c-1', unitId: 'xingtai-street', progress: '街道配合摸排', measures: null },
    {},
    unitActor('xingtai-street'),
  );
  h.emit('report_missed', { dueAt: '2026-03-16T01:00:00.000Z', missedReports: 1 }, { missedReports: 1 });
  h.emit('reminder_sent', { unitId: 'city-management', about: 'report', dueAt: '2026-03-16T01:00:00.000Z' });
  h.emit('report_missed', { dueAt: '2026-03-23T01:00:00.000Z', missedReports: 2 }, { missedReports: 2 });
  h.emit(
    'escalated',
    { level: 1, reason: 'reports_missed', notifiedUnits: ['city-management', 'office'] },
    { escalationLevel: 1 },
  );
  h.emit(
    'extension_requested',
    { requestId: 'x-1', unitId: 'city-management', until: '2026-04-15T01:00:00.000Z', reason: '需协调市场监管' },
    {},
    lead,
  );
  // The workflow sends deadline '' when it has none: the projection must take it, not fail for ever.
  h.emit(
    'extension_decided',
    { requestId: 'x-1', approved: true, note: '同意', deadline: '' },
    { deadline: '2026-04-15T01:00:00.000Z' },
    officeActor,
  );
  h.emit(
    'resolved',
    {
      unitId: 'city-management',
      measures: '规范设点经营',
      outcome: '商户满意',
      followUpDue: '2026-04-10T01:00:00.000Z',
    },
    {
      status: 'verifying',
      followUpDue: '2026-04-10T01:00:00.000Z',
      resolution: {
        unitId: 'city-management',
        measures: '规范设点经营',
        outcome: '商户满意',
        resolvedAt: '2026-04-03T01:00:00.000Z',
      },
    },
    lead,
  );
  h.emit('followed_up', { satisfied: false, note: '仍有占道' }, {}, officeActor);
  h.emit(
    'reopened',
    {
      reason: 'follow_up_unsatisfied',
      deadline: '2026-04-20T01:00:00.000Z',
      nextReportDue: '2026-04-13T01:00:00.000Z',
      note: null,
    },
    { status: 'in_progress', followUpDue: null, deadline: '2026-04-20T01:00:00.000Z' },
    officeActor,
  );
  return h;
}

describe('recordTransition', () => {
  let db: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = db.sql;
    await seedSmallCity(sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('projects every event into its table and its counters', async () => {
    const h = fullHistory();
    await h.record(sql);
    const model = await readModel(sql, h.state.id);

    expect(model.case).toMatchObject({
      seq: 15,
      status: 'in_progress',
      escalation_level: 1,
      missed_reports: 2,
      report_count: 1,
      contribution_count: 1,
      missed_report_count: 2,
      reminder_count: 1,
      escalation_count: 1,
      extension_count: 1,
      follow_up_count: 1,
      rework_count: 1,
      last_report_summary: '已约谈商户',
      last_report_percent: 40,
      measures: '规范设点经营',
    });
    expect(model.case.assigned_at).not.toBeNull();
    expect(model.case.accepted_at).not.toBeNull();
    expect(model.case.resolved_at).toEqual(new Date('2026-04-03T01:00:00.000Z'));
    expect(model.reports.map((r) => [r.kind, r.unit_id, r.progress])).toEqual([
      ['report', 'city-management', '已约谈商户'],
      ['contribution', 'xingtai-street', '街道配合摸排'],
    ]);
    expect(model.escalations.map((e) => [e.kind, e.level, e.unit_id])).toEqual([
      ['report_missed', 0, 'city-management'],
      ['reminder', 0, 'city-management'],
      ['report_missed', 0, 'city-management'],
      ['escalation', 1, 'city-management'],
    ]);
    expect(model.extensions).toEqual([
      expect.objectContaining({ request_id: 'x-1', status: 'approved', note: '同意', deadline_after: null }),
    ]);
    expect(model.followUps).toEqual([expect.objectContaining({ satisfied: false, note: '仍有占道' })]);
  });

  it('reads each projected history back for the case pages, oldest first', async () => {
    const h = fullHistory();
    await h.record(sql);
    const id = h.state.id;
    expect((await listCaseReports(sql, id)).map((r) => [r.kind, r.percentDone, r.submittedBy.unitId])).toEqual([
      ['report', 40, 'city-management'],
      ['contribution', null, 'xingtai-street'],
    ]);
    expect(await listCaseExtensions(sql, id)).toEqual([
      expect.objectContaining({
        requestId: 'x-1',
        status: 'approved',
        requestedUntil: new Date('2026-04-15T01:00:00.000Z'),
        decidedBy: officeActor,
      }),
    ]);
    expect((await listCaseFollowUps(sql, id)).map((f) => f.satisfied)).toEqual([false]);
    expect((await listCaseEscalations(sql, id)).map((e) => [e.kind, e.level, e.notifiedUnits])).toEqual([
      ['report_missed', 0, []],
      ['reminder', 0, []],
      ['report_missed', 0, []],
      ['escalation', 1, ['city-management', 'office']],
    ]);
  });

  it('is idempotent: the same transition recorded twice stores one event and counts it once', async () => {
    const h = fullHistory();
    await h.record(sql);
    const once = await readModel(sql, h.state.id);
    for (const { event, snapshot } of h.transitions) await recordTransition(sql, event, snapshot);
    expect(await readModel(sql, h.state.id)).toEqual(once);
    expect(once.eventCount).toBe(h.transitions.length);
  });

  it('refuses seq 3 before seq 2 with EventOutOfOrderError and stores nothing of it', async () => {
    const h = fullHistory();
    const [first, second, third] = h.transitions;
    await recordTransition(sql, first!.event, first!.snapshot);

    await expect(recordTransition(sql, third!.event, third!.snapshot)).rejects.toBeInstanceOf(EventOutOfOrderError);

    const model = await readModel(sql, h.state.id);
    expect(model.eventCount).toBe(1);
    expect(model.case.seq).toBe(1);
    await recordTransition(sql, second!.event, second!.snapshot);
    await recordTransition(sql, third!.event, third!.snapshot);
    expect((await readModel(sql, h.state.id)).eventCount).toBe(3);
  });

  it('ends, after refusals and retries in any order, exactly where in-order application ends', async () => {
    const inOrder = fullHistory();
    await inOrder.record(sql);
    const shuffled = fullHistory();
    // Every transition is tried in a scrambled order until all are in, as Temporal's retries would.
    const pending = [...shuffled.transitions].reverse();
    let refusals = 0;
    while (pending.length > 0) {
      const next = pending.shift()!;
      try {
        await recordTransition(sql, next.event, next.snapshot);
      } catch (error) {
        expect(error).toBeInstanceOf(EventOutOfOrderError);
        refusals += 1;
        pending.push(next);
      }
    }
    expect(refusals).toBeGreaterThan(0);
    expect(normalised(await readModel(sql, shuffled.state.id))).toEqual(
      normalised(await readModel(sql, inOrder.state.id)),
    );
  });

  it('never lets an older snapshot, retried after a newer one, overwrite it', async () => {
    const h = fullHistory();
    await h.record(sql);
    const newest = await readModel(sql, h.state.id);
    const stale = h.transitions[3]!; // accepted: status in_progress, escalation 0, no reports yet
    await recordTransition(sql, stale.event, stale.snapshot);
    await recordTransition(sql, h.transitions[0]!.event, h.transitions[0]!.snapshot);
    expect(await readModel(sql, h.state.id)).toEqual(newest);
  });

  describe('recordTransitions (the batched journal)', () => {
    it('stores a batch exactly as the same transitions one by one', async () => {
      const oneByOne = fullHistory();
      await oneByOne.record(sql);
      const batched = fullHistory();
      await recordTransitions(sql, batched.transitions.slice(0, 2));
      await recordTransitions(sql, batched.transitions.slice(2));
      expect(normalised(await readModel(sql, batched.state.id))).toEqual(
        normalised(await readModel(sql, oneByOne.state.id)),
      );
    });

    it('skips what a retried batch already stored and goes on with the rest', async () => {
      const h = fullHistory();
      await recordTransitions(sql, h.transitions.slice(0, 3));
      await recordTransitions(sql, h.transitions.slice(1));
      const model = await readModel(sql, h.state.id);
      expect(model.eventCount).toBe(h.transitions.length);
      expect(model.case.seq).toBe(h.state.seq);
    });

    it('stores nothing of a batch with a gap before it', async () => {
      const h = fullHistory();
      await recordTransitions(sql, h.transitions.slice(0, 1));
      await expect(recordTransitions(sql, h.transitions.slice(2, 4))).rejects.toBeInstanceOf(EventOutOfOrderError);
      expect((await readModel(sql, h.state.id)).eventCount).toBe(1);
    });

    it('refuses a batch that mixes cases', async () => {
      const a = fullHistory();
      const b = fullHistory();
      await expect(recordTransitions(sql, [a.transitions[0]!, b.transitions[0]!])).rejects.toThrow(/one case/);
      expect((await readModel(sql, a.state.id)).eventCount).toBe(0);
    });
  });
});

/** A read model without what differs between two cases by construction: ids, actors' random ids, times. */
function normalised(model: Awaited<ReturnType<typeof readModel>>) {
  const { id: _, reported_by: __, reporter_id: ___, ...rest } = model.case;
  return {
    case: rest,
    reports: model.reports.map(({ case_id: _c, submitted_by: _s, ...r }) => r),
    escalations: model.escalations.map(({ case_id: _c, ...r }) => r),
    extensions: model.extensions.map(({ case_id: _c, decided_by: _d, ...r }) => r),
    followUps: model.followUps.map(({ case_id: _c, actor: _a, ...r }) => r),
    eventCount: model.eventCount,
  };
}
