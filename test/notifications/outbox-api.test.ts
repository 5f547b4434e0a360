// Issue 6: a case's notifications reach the units — by webhook where a unit has one, and in every
// recipient's outbox (GET /v1/notifications) whether or not it has one, each unit seeing only its own.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebhookSettings } from '../../activities/notifications';
import { updateUnit } from '../../shared/db/units';
import { parseWebhookAllowList } from '../../shared/webhook-target';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';
import { startReceiver, type Receiver } from './support/receiver';

const SECRET = 'outbox-test-secret-0123456789';
const webhooks: WebhookSettings = {
  secret: SECRET,
  timeoutMs: 2_000,
  retry: { initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 200, maximumAttempts: 3 },
  // The receiver listens on loopback, which only an operator's allow-list opens (docs/limits.md).
  allow: parseWebhookAllowList('127.0.0.1'),
};

interface OutboxEntry {
  id: string;
  deliveryId: string;
  unitId: string;
  caseId: string | null;
  kind: string;
  status: string;
  attempts: number;
}
interface OutboxPage {
  items: OutboxEntry[];
  nextCursor: string | null;
}

describe('GET /v1/notifications: the outbox per recipient unit', () => {
  let db: TestDatabase;
  let h: DevServerHarness;
  let api: ApiHarness;
  let app: FastifyInstance;
  let hook: Receiver;
  const tokens: Record<string, string> = {};
  let caseId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    hook = await startReceiver(SECRET);
    await updateUnit(db.sql, 'city-management', { webhookUrl: hook.url });
    h = await startWorkerOnDevServer(db.sql, 'outbox', { webhooks });
    api = await buildTestApp(db.sql, { temporal: { client: h.client, taskQueue: h.taskQueue } });
    app = api.app;
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.leader = await tokenFor(db.sql, 'leader');
    tokens.admin = await tokenFor(db.sql, 'admin');
    tokens.lead = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.coHandler = await tokenFor(db.sql, 'unit', 'xingtai-street');
  });

  afterAll(async () => {
    await api?.close();
    await h?.stop();
    await hook?.close();
    await db?.drop();
  });

  const list = (who: string, query = '') =>
    app.inject({ method: 'GET', url: `/v1/notifications${query}`, headers: bearer(tokens[who]!) });

  it("sends a case's assignment to the lead unit's webhook, and lists it for the co-handler without one", async () => {
    // Urgent: dispatched at intake, so the assignment notice goes out at once.
    const created = await app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(tokens.visitor!),
      payload: {
        kind: 'problem_clue',
        category: 'street-vending',
        title: '夜市占道经营影响通行',
        description: '兴泰街道夜市摊位占用消防通道',
        locality: 'xingtai',
        priority: 'urgent',
      },
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json<{ id: string }>().id;

    await vi.waitFor(() => expect(hook.requests).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const [request] = hook.requests;
    expect(request!.verified).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      caseId,
      kind: 'assignment',
      recipientUnitIds: ['city-management', 'xingtai-street'],
    });

    const own = await vi.waitFor(
      async () => {
        const page = (await list('lead')).json<OutboxPage>();
        expect(page.items[0]).toMatchObject({ caseId, unitId: 'city-management', status: 'delivered', attempts: 1 });
        return page;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(own.items[0]!.deliveryId).toBe(request!.headers['x-duban-delivery']);
    const coHandler = (await list('coHandler')).json<OutboxPage>();
    expect(coHandler.items).toEqual([
      expect.objectContaining({ caseId, unitId: 'xingtai-street', kind: 'assignment', status: 'no_webhook' }),
    ]);
  });

  it("lets a unit token list only its own unit's notifications; the office and leaders list every unit's", async () => {
    const forbidden = await list('lead', '?unit=xingtai-street');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await list('lead', '?unit=city-management')).json<OutboxPage>().items).toHaveLength(1);
    for (const who of ['office', 'leader']) {
      const units = (await list(who)).json<OutboxPage>().items.map((entry) => entry.unitId);
      expect(units.sort()).toEqual(['city-management', 'xingtai-street']);
    }
    expect((await list('visitor')).statusCode).toBe(403);
    expect((await list('admin')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/notifications' })).statusCode).toBe(401);
  });

  it('filters by unit and delivery status, and pages with an opaque cursor without repeating an entry', async () => {
    const noWebhook = (await list('office', '?status=no_webhook')).json<OutboxPage>();
    expect(noWebhook.items.map((entry) => entry.unitId)).toEqual(['xingtai-street']);
    expect((await list('office', '?unit=city-management&status=failed')).json<OutboxPage>().items).toEqual([]);

    const first = (await list('office', '?limit=1')).json<OutboxPage>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await list('office', `?limit=1&cursor=${first.nextCursor}`)).json<OutboxPage>();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]!.unitId).not.toBe(first.items[0]!.unitId);

    expect((await list('office', '?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await list('office', '?status=lost')).statusCode).toBe(400);
  });
});
