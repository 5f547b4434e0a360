// Issue 6: the campaign's recurring work as Temporal Schedules, made idempotently at worker start,
// updated when the configuration changes, and a scheduled dispatch that really dispatches.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../shared/config';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { dubanSchedules, ensureSchedules, SCHEDULE_SETTINGS_MEMO } from '../../worker/schedules';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { buildTestApp, type ApiHarness } from '../support/api';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';

describe('Temporal Schedules', () => {
  let db: TestDatabase;
  let h: DevServerHarness;
  let api: ApiHarness;
  // Schedule ids are global to the namespace: a prefix of this file's own keeps parallel runs apart.
  const idPrefix = `test-${randomBytes(4).toString('hex')}`;
  const ids = ['dispatch', 'spot-check', 'weekly-bulletin', 'monthly-summary', 'idempotency-purge'].map(
    (name) => `${idPrefix}-${name}`,
  );

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    h = await startWorkerOnDevServer(db.sql, 'schedules');
    api = await buildTestApp(db.sql, { temporal: { client: h.client, taskQueue: h.taskQueue } });
  });

  afterAll(async () => {
    for (const id of ids)
      await h?.client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    await api?.close();
    await h?.stop();
    await db?.drop();
  });

  const configWith = (env: Record<string, string> = {}) => loadConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, ...env });

  it('defaults to the documented ids, times and time zone', () => {
    const config = loadConfig({});
    expect(config.DUBAN_SCHEDULE_TIMEZONE).toBe('Asia/Shanghai');
    expect(
      dubanSchedules(config).map(({ scheduleId, cron, workflowType, overlap }) => ({
        scheduleId,
        cron,
        workflowType,
        overlap,
      })),
    ).toEqual([
      {
        scheduleId: 'duban-dispatch',
        cron: '0 9 * * MON',
        workflowType: 'dispatchBatchWorkflow',
        overlap: 'BUFFER_ONE',
      },
      { scheduleId: 'duban-spot-check', cron: '0 8 * * *', workflowType: 'dailySpotCheckWorkflow', overlap: 'SKIP' },
      {
        scheduleId: 'duban-weekly-bulletin',
        cron: '30 8 * * MON',
        workflowType: 'weeklyBulletinWorkflow',
        overlap: 'SKIP',
      },
      {
        scheduleId: 'duban-monthly-summary',
        cron: '0 9 1 * *',
        workflowType: 'monthlySummaryWorkflow',
        overlap: 'SKIP',
      },
      {
        scheduleId: 'duban-idempotency-purge',
        cron: '30 3 * * *',
        workflowType: 'idempotencyPurgeWorkflow',
        overlap: 'SKIP',
      },
    ]);
    expect(dubanSchedules(config)[0]!.args).toEqual([{ requestedBy: SYSTEM_ACTOR }]);
  });

  it('refuses at start a cron expression or time zone that is not one', () => {
    expect(() => loadConfig({ DUBAN_SCHEDULE_DISPATCH: 'every monday' })).toThrow(
      /DUBAN_SCHEDULE_DISPATCH: must be a cron/,
    );
    expect(() => loadConfig({ DUBAN_SCHEDULE_TIMEZONE: 'Mars/Olympus' })).toThrow(/DUBAN_SCHEDULE_TIMEZONE/);
    expect(loadConfig({ DUBAN_SCHEDULE_SPOT_CHECK: '15 7 * * 1-5' }).DUBAN_SCHEDULE_SPOT_CHECK).toBe('15 7 * * 1-5');
  });

  it('creates each schedule once: ensureSchedules run twice creates five, then changes nothing', async () => {
    const config = configWith();
    expect(await ensureSchedules(h.client, config, { idPrefix })).toEqual(
      Object.fromEntries(ids.map((id) => [id, 'created'])),
    );
    expect(await ensureSchedules(h.client, config, { idPrefix })).toEqual(
      Object.fromEntries(ids.map((id) => [id, 'unchanged'])),
    );

    const dispatch = await h.client.schedule.getHandle(`${idPrefix}-dispatch`).describe();
    expect(dispatch.spec.timezone).toBe('Asia/Shanghai');
    expect(dispatch.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: 9, end: 9, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] }),
    ]);
    expect(dispatch.action).toMatchObject({
      workflowType: 'dispatchBatchWorkflow',
      taskQueue: h.taskQueue,
      args: [{ requestedBy: SYSTEM_ACTOR }],
    });
    expect(dispatch.policies.overlap).toBe('BUFFER_ONE');
    const summary = await h.client.schedule.getHandle(`${idPrefix}-monthly-summary`).describe();
    expect(summary.action).toMatchObject({ workflowType: 'monthlySummaryWorkflow', args: [] });
    expect(summary.policies.overlap).toBe('SKIP');
  });

  it('updates a schedule whose cron changed, and only that one, keeping a pause an operator set', async () => {
    await ensureSchedules(h.client, configWith(), { idPrefix });
    const bulletin = h.client.schedule.getHandle(`${idPrefix}-weekly-bulletin`);
    await bulletin.pause('paused by the office for the holiday');

    const outcomes = await ensureSchedules(h.client, configWith({ DUBAN_SCHEDULE_WEEKLY_BULLETIN: '0 17 * * FRI' }), {
      idPrefix,
    });
    expect(outcomes).toEqual({
      [`${idPrefix}-dispatch`]: 'unchanged',
      [`${idPrefix}-spot-check`]: 'unchanged',
      [`${idPrefix}-weekly-bulletin`]: 'updated',
      [`${idPrefix}-monthly-summary`]: 'unchanged',
      [`${idPrefix}-idempotency-purge`]: 'unchanged',
    });
    const updated = await bulletin.describe();
    expect(updated.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 17, end: 17, step: 1 }],
        dayOfWeek: [{ start: 'FRIDAY', end: 'FRIDAY', step: 1 }],
      }),
    ]);
    expect(updated.action.memo?.[SCHEDULE_SETTINGS_MEMO]).toContain('0 17 * * FRI');
    expect(updated.state).toMatchObject({ paused: true, note: 'paused by the office for the holiday' });
  });

  it('dispatches the queued cases when the dispatch schedule fires, as the system, in a batch of its own', async () => {
    await ensureSchedules(h.client, configWith(), { idPrefix });
    const visitor = await tokenFor(db.sql, 'visitor');
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(visitor),
      payload: {
        kind: 'suggestion',
        category: 'street-vending',
        title: '店外占道促销手续难办',
        description: '希望对店面宣传方面可以适当放宽',
        locality: 'xingtai',
      },
    });
    expect(created.json()).toMatchObject({ status: 'queued' });
    const caseId = created.json<{ id: string }>().id;

    await h.client.schedule.getHandle(`${idPrefix}-dispatch`).trigger();

    const batch = await vi.waitFor(
      async () => {
        const [row] = await db.sql<{ id: string; number: number; requestedBy: unknown; leads: string[] }[]>`
          SELECT b.id, b.number, b.requested_by AS "requestedBy", array_agg(c.outcome) AS leads
          FROM dispatch_batches b JOIN dispatch_batch_cases c ON c.batch_id = b.id
          WHERE c.case_id = ${caseId} GROUP BY b.id`;
        expect(row?.leads).toEqual(['dispatched']);
        return row!;
      },
      { timeout: 20_000, interval: 200 },
    );
    // The run's workflow id is the schedule's id and the scheduled time: a batch of its own per run.
    expect(batch.id).toMatch(new RegExp(`^${idPrefix}-dispatch-\\d{4}-\\d{2}-\\d{2}T`));
    expect(batch.requestedBy).toEqual(SYSTEM_ACTOR);
    const [row] = await db.sql<{ status: string }[]>`SELECT status FROM cases WHERE id = ${caseId}`;
    expect(row?.status).toBe('assigned');
  });
});
