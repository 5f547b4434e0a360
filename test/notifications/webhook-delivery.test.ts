// Issue 6: the outbox delivered to each recipient unit's webhook, signed, retried by Temporal, and
// recorded per recipient — against a real HTTP receiver, the real dev server and real PostgreSQL.
import { WorkflowFailedError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { WebhookSettings } from '../../activities/notifications';
import { loadConfig } from '../../shared/config';
import { upsertUnit } from '../../shared/db/reference';
import { rotateWebhookSecret, updateUnit } from '../../shared/db/units';
import { parseWebhookAllowList } from '../../shared/webhook-target';
import { notificationDeliveryWorkflowId, type OutboxNotification } from '../../shared/contracts/notification';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';
import { startReceiver, verifyDuban, type Receiver } from './support/receiver';

const SECRET = 'webhook-test-secret-0123456789';
const webhooks: WebhookSettings = {
  secret: SECRET,
  timeoutMs: 2_000,
  retry: { initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 200, maximumAttempts: 4 },
  // The receivers listen on loopback, which only an operator's allow-list opens (docs/limits.md).
  allow: parseWebhookAllowList('127.0.0.1'),
};

const strict: WebhookSettings = { ...webhooks, secret: null, allow: parseWebhookAllowList('') };

describe('webhook delivery of the notification outbox', () => {
  let db: TestDatabase;
  let h: DevServerHarness;
  let unsigned: DevServerHarness;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await startWorkerOnDevServer(db.sql, 'webhooks', { webhooks });
    // No global secret and no allow-list: what a deployment without DUBAN_WEBHOOK_* configured does.
    unsigned = await startWorkerOnDevServer(db.sql, 'unsigned', { webhooks: strict });
  });

  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
    await unsigned?.stop();
    await h?.stop();
    await db?.drop();
  });

  async function receiver(answer?: (n: number) => [number, string]): Promise<Receiver> {
    const started = await startReceiver(SECRET, answer);
    receivers.push(started);
    return started;
  }

  async function unitWith(webhookUrl: string | null): Promise<string> {
    const id = `unit-${randomBytes(4).toString('hex')}`;
    await upsertUnit(db.sql, { id, name: `单位 ${id}`, kind: 'department', webhookUrl });
    return id;
  }

  const notification = (recipientUnitIds: string[]): OutboxNotification => ({
    id: `case-${randomUUID()}:7`,
    caseId: `case-${randomUUID()}`,
    kind: 'reminder',
    level: 0,
    recipientUnitIds,
    subject: '【督办提醒】店外占道促销手续难办',
    body: '应于 2026-11-30 提交的一周一上报已逾宽限期，请尽快上报办理进展。',
    at: new Date().toISOString(),
  });

  /** The `notify` activity as the case workflow calls it, on the worker's task queue. */
  const notify = (n: OutboxNotification, worker = h, settings = webhooks) =>
    new MockActivityEnvironment({ taskQueue: worker.taskQueue }).run(
      (notification: OutboxNotification) =>
        createActivities({ sql: db.sql, client: worker.client, webhooks: settings }).notify(notification),
      n,
    );

  const outcome = (n: OutboxNotification, unitId: string, worker = h) =>
    worker.client.workflow.getHandle(notificationDeliveryWorkflowId(n.id, unitId)).result();

  const delivery = async (n: OutboxNotification, unitId: string) => {
    const [row] = await db.sql<
      { status: string; attempts: number; lastError: string | null; deliveredAt: Date | null }[]
    >`SELECT status, attempts, last_error AS "lastError", delivered_at AS "deliveredAt"
      FROM notification_deliveries WHERE notification_id = ${n.id} AND unit_id = ${unitId}`;
    return row;
  };

  it('posts the notification as JSON, signed so the receiver verifies it with the documented scheme', async () => {
    const hook = await receiver();
    const unit = await unitWith(hook.url);
    const n = notification([unit]);
    await notify(n);
    await expect(outcome(n, unit)).resolves.toEqual({ status: 'delivered', attempts: 1 });

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request!.verified).toBe(true);
    expect(JSON.parse(request!.body)).toEqual(n);
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(request!.headers['x-duban-delivery']).toBe(notificationDeliveryWorkflowId(n.id, unit));
    expect(Number(request!.headers['x-duban-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    // The check can fail: another secret, or a body changed in transit, is refused.
    expect(verifyDuban('another-secret-0123456789', request!.headers, request!.body)).toBe(false);
    expect(verifyDuban(SECRET, request!.headers, request!.body.replace('督办', '督查'))).toBe(false);
    expect(await delivery(n, unit)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect((await delivery(n, unit))!.deliveredAt).toBeInstanceOf(Date);
  });

  it('retries a failing receiver with backoff: fails twice, then delivered on attempt 3', async () => {
    const hook = await receiver((n) => (n <= 2 ? [503, 'busy'] : [200, 'ok']));
    const unit = await unitWith(hook.url);
    const n = notification([unit]);
    await notify(n);
    await expect(outcome(n, unit)).resolves.toEqual({ status: 'delivered', attempts: 3 });
    expect(hook.requests.map((r) => r.verified)).toEqual([true, true, true]);
    // Every attempt carries the same delivery id: the receiver can tell a retry from a new notification.
    expect(new Set(hook.requests.map((r) => r.headers['x-duban-delivery'])).size).toBe(1);
    expect(await delivery(n, unit)).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
  });

  it('records a receiver that never succeeds as failed, with the last error, after the configured attempts', async () => {
    const hook = await receiver((n) => [502, `bad gateway #${n}`]);
    const unit = await unitWith(hook.url);
    const n = notification([unit]);
    await notify(n);
    await expect(outcome(n, unit)).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(hook.requests).toHaveLength(webhooks.retry.maximumAttempts);
    expect(await delivery(n, unit)).toEqual({
      status: 'failed',
      attempts: webhooks.retry.maximumAttempts,
      // The status only: the answer's body is never stored (it would show what the target is).
      lastError: 'HTTP 502',
      deliveredAt: null,
    });
  });

  it('records an unreachable webhook as failed with the network error', async () => {
    const gone = await startReceiver(SECRET);
    await gone.close(); // the port is now closed: every attempt is refused
    const unit = await unitWith(gone.url);
    const n = notification([unit]);
    await notify(n);
    await expect(outcome(n, unit)).rejects.toBeInstanceOf(WorkflowFailedError);
    const row = await delivery(n, unit);
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/ECONNREFUSED/);
  });

  it('keeps a notification to a unit without a webhook in its outbox as no_webhook, and sends nothing', async () => {
    const hook = await receiver();
    const withHook = await unitWith(hook.url);
    const without = await unitWith(null);
    const n = notification([without, withHook]);
    await notify(n);
    await outcome(n, withHook);
    expect(await delivery(n, without)).toMatchObject({ status: 'no_webhook', attempts: 0 });
    await expect(h.client.workflow.getHandle(notificationDeliveryWorkflowId(n.id, without)).describe()).rejects.toThrow(
      /not found/i,
    );
    expect(hook.requests).toHaveLength(1);
  });

  it('delivers a notification notified twice (concurrently, and again afterwards) exactly once', async () => {
    const hook = await receiver();
    const unit = await unitWith(hook.url);
    const n = notification([unit]);
    await Promise.all([notify(n), notify(n)]);
    await outcome(n, unit);
    await notify(n);
    await notify({ ...n, recipientUnitIds: [unit, await unitWith(hook.url)] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hook.requests).toHaveLength(1);
    const rows = await db.sql`SELECT unit_id FROM notification_deliveries WHERE notification_id = ${n.id}`;
    expect(rows).toHaveLength(1);
  });

  it('without DUBAN_WEBHOOK_SECRET, records deliveries as failed saying why, and sends nothing unsigned', async () => {
    const hook = await receiver();
    const unit = await unitWith(hook.url);
    const n = notification([unit]);
    await notify(n, unsigned, strict);
    await expect(outcome(n, unit, unsigned)).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(hook.requests).toHaveLength(0);
    const row = await delivery(n, unit);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toMatch(/DUBAN_WEBHOOK_SECRET is not set/);
  });

  it("signs with the unit's own secret once it has one: another unit's secret (or the global one) does not verify", async () => {
    const unit = await unitWith(null);
    const { secret } = (await rotateWebhookSecret(db.sql, unit))!;
    const hook = await startReceiver(secret);
    receivers.push(hook);
    await updateUnit(db.sql, unit, { webhookUrl: hook.url });
    const n = notification([unit]);
    await notify(n);
    await expect(outcome(n, unit)).resolves.toEqual({ status: 'delivered', attempts: 1 });
    const [request] = hook.requests;
    expect(request!.verified).toBe(true);
    expect(verifyDuban(SECRET, request!.headers, request!.body)).toBe(false);

    // Rotated: the next delivery signs with the new secret, which the old one no longer verifies.
    const rotated = (await rotateWebhookSecret(db.sql, unit))!.secret;
    const next = notification([unit]);
    await notify(next);
    await outcome(next, unit);
    const last = hook.requests.at(-1)!;
    expect([verifyDuban(rotated, last.headers, last.body), verifyDuban(secret, last.headers, last.body)]).toEqual([
      true,
      false,
    ]);
  });

  it('sends nothing to a loopback target the allow-list does not name, a name resolving to one included', async () => {
    for (const url of ['http://127.0.0.1:PORT/duban', 'http://localhost:PORT/duban', 'http://[::1]:PORT/duban']) {
      const hook = await receiver();
      const unit = await unitWith(null);
      await rotateWebhookSecret(db.sql, unit);
      // Stored directly, as if the name had resolved to a public address when the admin set it.
      await updateUnit(db.sql, unit, { webhookUrl: url.replace('PORT', new URL(hook.url).port) });
      const n = notification([unit]);
      await notify(n, unsigned, strict);
      await expect(outcome(n, unit, unsigned)).rejects.toBeInstanceOf(WorkflowFailedError);
      expect(hook.requests, url).toHaveLength(0);
      const row = await delivery(n, unit);
      // Refused for good at the first attempt: retrying cannot change the operator's allow-list.
      expect(row, url).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row?.lastError, url).toMatch(/^not sent: .*loopback, link-local or private address/);
    }
  });

  it('refuses at start a webhook secret too short to be one', () => {
    expect(() => loadConfig({ DUBAN_WEBHOOK_SECRET: 'short' })).toThrow(/DUBAN_WEBHOOK_SECRET: must be at least 16/);
    expect(loadConfig({ DUBAN_WEBHOOK_SECRET: SECRET }).DUBAN_WEBHOOK_SECRET).toBe(SECRET);
  });
});
