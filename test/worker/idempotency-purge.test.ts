// Issue 12: Idempotency-Keys end. An expired key is as if never used, and the daily
// duban-idempotency-purge schedule deletes the expired keys of both kinds, and only those.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../shared/config';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { ensureSchedules } from '../../worker/schedules';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';

describe('expiring Idempotency-Keys', () => {
  let db: TestDatabase;
  let h: DevServerHarness;
  let api: ApiHarness;
  let visitor = '';
  const idPrefix = `test-${randomBytes(4).toString('hex')}`;
  const scheduleId = `${idPrefix}-idempotency-purge`;
  const scheduleIds = ['dispatch', 'spot-check', 'weekly-bulletin', 'monthly-summary', 'idempotency-purge'].map(
    (name) => `${idPrefix}-${name}`,
  );

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    h = await startWorkerOnDevServer(db.sql, 'purge');
    api = await buildTestApp(db.sql, { temporal: { client: h.client, taskQueue: h.taskQueue } });
    visitor = await tokenFor(db.sql, 'visitor');
  });

  afterAll(async () => {
    for (const id of scheduleIds)
      await h?.client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    await api?.close();
    await h?.stop();
    await db?.drop();
  });

  const report = (key: string, title: string) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { ...bearer(visitor), 'idempotency-key': key },
      payload: { kind: 'suggestion', category: 'street-vending', title, description: '占道', locality: 'xingtai' },
    });
  const age = (table: 'idempotency_keys' | 'case_action_keys', key: string, days: number) =>
    db.sql`UPDATE ${db.sql(table)} SET created_at = now() - ${days} * interval '1 day' WHERE key = ${key}`;
  /** Action keys as the case-action route stores them, for a real case (the table references cases). */
  const actionKey = async (key: string, caseId: string, days: number) => {
    await db.sql`
      INSERT INTO case_action_keys (token_id, key, case_id, action, body_hash, update_id, created_at)
      VALUES (${randomUUID()}, ${key}, ${caseId}, 'accept', 'hash', ${`action-${key}`},
              now() - ${days} * interval '1 day')`;
  };
  const keysLeft = async () => ({
    intake: (await db.sql<{ key: string }[]>`SELECT key FROM idempotency_keys ORDER BY key`).map((r) => r.key),
    action: (await db.sql<{ key: string }[]>`SELECT key FROM case_action_keys ORDER BY key`).map((r) => r.key),
  });

  it('reads DUBAN_IDEMPOTENCY_TTL as an ISO-8601 duration of at least an hour, 30 days by default', () => {
    expect(loadConfig({}).DUBAN_IDEMPOTENCY_TTL).toBe('P30D');
    expect(loadConfig({ DUBAN_IDEMPOTENCY_TTL: 'P7D' }).DUBAN_IDEMPOTENCY_TTL).toBe('P7D');
    expect(() => loadConfig({ DUBAN_IDEMPOTENCY_TTL: '30 days' })).toThrow(/DUBAN_IDEMPOTENCY_TTL: must be an ISO/);
    expect(() => loadConfig({ DUBAN_IDEMPOTENCY_TTL: 'PT5M' })).toThrow(/DUBAN_IDEMPOTENCY_TTL: must be at least/);
  });

  it('treats an expired intake key as never used: another report under it is a new case', async () => {
    const first = await report('intake-expiry', '第一次反映');
    expect(first.statusCode).toBe(201);
    expect((await report('intake-expiry', '另一件事')).statusCode).toBe(409);
    await age('idempotency_keys', 'intake-expiry', 31);
    const again = await report('intake-expiry', '另一件事');
    expect(again.statusCode).toBe(201);
    expect(again.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
  });

  it('purges the expired keys of both kinds and keeps the others', async () => {
    await db.sql`DELETE FROM idempotency_keys`;
    const caseId = (await report('intake-fresh', '新近的反映')).json<{ id: string }>().id;
    await report('intake-old', '上个月的反映');
    await age('idempotency_keys', 'intake-old', 31);
    await actionKey('action-fresh', caseId, 29);
    await actionKey('action-old', caseId, 31);

    const purged = await executeWorkflow(h.client, 'idempotencyPurgeWorkflow', {
      workflowId: `purge-${randomUUID()}`,
      taskQueue: h.taskQueue,
      args: [{ ttl: 'P30D' }],
    });
    expect(purged).toEqual({ intakeKeys: 1, actionKeys: 1 });
    expect(await keysLeft()).toEqual({ intake: ['intake-fresh'], action: ['action-fresh'] });
  });

  it('runs the purge daily from a schedule made at worker start, with the configured TTL', async () => {
    const config = loadConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, DUBAN_IDEMPOTENCY_TTL: 'P7D' });
    expect(await ensureSchedules(h.client, config, { idPrefix })).toMatchObject({ [scheduleId]: 'created' });
    const schedule = await h.client.schedule.getHandle(scheduleId).describe();
    expect(schedule.action).toMatchObject({ workflowType: 'idempotencyPurgeWorkflow', args: [{ ttl: 'P7D' }] });
    expect(schedule.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] }),
    ]);

    // Eight days old: kept by the 30-day purge above, expired under the schedule's seven; six: kept.
    await age('idempotency_keys', 'intake-fresh', 8);
    await age('case_action_keys', 'action-fresh', 6);
    await actionKey('action-week', (await report('intake-week', '上周的反映')).json<{ id: string }>().id, 8);
    await h.client.schedule.getHandle(scheduleId).trigger();
    await vi.waitFor(
      async () => expect(await keysLeft()).toEqual({ intake: ['intake-week'], action: ['action-fresh'] }),
      {
        timeout: 20_000,
        interval: 200,
      },
    );
  });
});
