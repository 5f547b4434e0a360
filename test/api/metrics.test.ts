// docs/api.md: GET /metrics (no token) in Prometheus text — requests by route and Temporal calls.
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { createApiMetrics } from '../../api/metrics';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';

describe('/metrics', () => {
  let db: TestDatabase;
  let temporal: DevServerHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    temporal = await startWorkerOnDevServer(db.sql, 'metrics');
  });

  afterAll(async () => {
    await temporal?.stop();
    await db?.drop();
  });

  it('counts requests by route template and Temporal calls by operation', async () => {
    const metrics = createApiMetrics();
    const client = new Client({
      connection: temporal.client.connection,
      namespace: 'default',
      interceptors: { workflow: [metrics.temporalInterceptor] },
    });
    const app = await buildApp({ sql: db.sql, temporal: client, taskQueue: temporal.taskQueue, metrics });
    try {
      const visitor = await tokenFor(db.sql, 'visitor');
      const created = await app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: bearer(visitor),
        payload: {
          kind: 'suggestion',
          category: 'street-vending',
          title: '占道',
          description: '占道',
          locality: 'xingtai',
        },
      });
      expect(created.statusCode).toBe(201);
      await app.inject({ url: `/v1/cases/${created.json<{ id: string }>().id}`, headers: bearer(visitor) });
      const response = await app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.body).toMatch(
        /duban_http_request_duration_seconds_count\{method="POST",route="\/v1\/cases",status="201"\} 1/,
      );
      expect(response.body).toMatch(
        /duban_http_request_duration_seconds_count\{method="GET",route="\/v1\/cases\/:id",status="200"\} 1/,
      );
      expect(response.body).toContain('duban_api_process_cpu_seconds_total');
      // The case's start runs just after the report's answer (docs/intake.md): counted once it is made.
      await expect
        .poll(async () => (await app.inject({ url: '/metrics' })).body)
        .toMatch(/duban_temporal_client_call_duration_seconds_count\{operation="start",outcome="ok"\} 1/);
      // The report's outbox row is gone once its start is known (deleted in a batch, within 100 ms).
      await expect
        .poll(async () => (await app.inject({ url: '/metrics' })).body)
        .toMatch(/^duban_case_starts_pending 0$/m);
    } finally {
      await app.close();
    }
  });
});
