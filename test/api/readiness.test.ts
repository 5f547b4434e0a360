// Issue 12: /readyz said "ready" as soon as Temporal answered, though no worker took the cases it
// would start: a load balancer sent reports to an API whose cases then waited for nobody. Ready now
// means PostgreSQL and Temporal answer and a worker polls the task queue; the answer says what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';

interface Readiness {
  ok: boolean;
  reason?: string;
  postgres: { ok: boolean };
  temporal: { ok: boolean };
  worker: { ok: boolean; error?: string };
}

describe('GET /readyz', () => {
  let db: TestDatabase;
  let worker: DevServerHarness;
  const apis: ApiHarness[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    worker = await startWorkerOnDevServer(db.sql, 'readiness');
  });

  afterAll(async () => {
    for (const api of apis) await api.close();
    await worker?.stop();
    await db?.drop();
  });

  it('is 503 with the reason while no worker polls the task queue, though PostgreSQL and Temporal answer', async () => {
    const api = await buildTestApp(db.sql);
    apis.push(api);
    const response = await api.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    const body = response.json<Readiness>();
    expect(body).toMatchObject({ ok: false, postgres: { ok: true }, temporal: { ok: true }, worker: { ok: false } });
    expect(body.reason).toBe(`worker: no worker has polled task queue no-worker in the last 120 s`);
  });

  it('is 200 once a worker polls the task queue the API starts cases on', async () => {
    const api = await buildTestApp(db.sql, { temporal: worker });
    apis.push(api);
    // The worker's first poll reaches the server a moment after it starts: ask until it has (at most 30 s).
    let response = await api.app.inject({ url: '/readyz' });
    for (let tries = 0; response.statusCode !== 200 && tries < 150; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await api.app.inject({ url: '/readyz' });
    }
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, postgres: { ok: true }, temporal: { ok: true }, worker: { ok: true } });
  });
});
