// Issue 13: the duban-audit-checkpoint schedule signs a root over every case's chain head, and the
// API shows it: GET /v1/audit/checkpoints (office, admin) and the latest checkpoint in each case's
// verify answer. The worker and the API run as the app role (test/support/database.ts).
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkpointSignatureValid } from '../../shared/audit/checkpoint-message';
import { checkCheckpointExport } from '../../shared/audit/offline-check';
import { loadConfig } from '../../shared/config';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { dubanSchedules, ensureSchedules } from '../../worker/schedules';
import { deleteCaseEntirely, tamper } from '../db/helpers/audited-case';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { startWorkerOnDevServer, type DevServerHarness } from '../support/temporal';

const keys = generateKeyPairSync('ed25519');
const privatePem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('the audit checkpoint', () => {
  let db: TestDatabase;
  let h: DevServerHarness;
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  const idPrefix = `test-${randomBytes(4).toString('hex')}`;
  const scheduleId = `${idPrefix}-audit-checkpoint`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    h = await startWorkerOnDevServer(db.sql, 'audit', { auditSigningKey: keys.privateKey });
    api = await buildTestApp(db.sql, {
      temporal: { client: h.client, taskQueue: h.taskQueue },
      auditPublicKey: keys.publicKey,
    });
    for (const role of ['office', 'admin', 'leader', 'visitor'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.unit = await tokenFor(db.sql, 'unit', 'city-management');
  });
  afterAll(async () => {
    for (const id of dubanSchedules({ ...loadConfig({}), DUBAN_AUDIT_SIGNING_KEY: privatePem }, idPrefix))
      await h?.client.schedule
        .getHandle(id.scheduleId)
        .delete()
        .catch(() => undefined);
    await api?.close();
    await h?.stop();
    await db?.drop();
  });

  const get = (url: string, role: string) => api.app.inject({ method: 'GET', url, headers: bearer(tokens[role]!) });
  const report = async (title: string) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: bearer(tokens.visitor!),
      payload: { kind: 'suggestion', category: 'street-vending', title, description: '占道', locality: 'xingtai' },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const checkpoint = () =>
    executeWorkflow(h.client, 'auditCheckpointWorkflow', {
      workflowId: `audit-${randomUUID()}`,
      taskQueue: h.taskQueue,
      args: [],
    });

  it('signs every case head, and lists the checkpoints to the office and admins only, newest first', async () => {
    const first = await report('第一件');
    await report('第二件');
    const made = await checkpoint();
    expect(made).toMatchObject({ cases: 2, findings: [] });
    await checkpoint();

    const page = await get('/v1/audit/checkpoints?limit=1', 'office');
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: Array<{ id: number; cases: number }>; nextCursor: string | null }>();
    expect(body.items).toEqual([expect.objectContaining({ id: made.id + 1, cases: 2 })]);
    const next = await get(`/v1/audit/checkpoints?limit=1&cursor=${body.nextCursor!}`, 'admin');
    const listed = next.json<{ items: Parameters<typeof checkpointSignatureValid>[1][] }>().items;
    expect(listed).toEqual([expect.objectContaining({ id: made.id })]);
    // What the API lists is what the key signed: the auditor checks it with the public key alone.
    expect(checkpointSignatureValid(keys.publicKey, listed[0]!)).toBe(true);
    const exported = await get(`/v1/audit/checkpoints/${made.id}`, 'office');
    expect(exported.json<{ id: number; heads: unknown[] }>()).toMatchObject({ id: made.id, heads: [{}, {}] });
    const publicPem = keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(checkCheckpointExport(publicPem, exported.json())).toMatchObject({ ok: true });
    expect((await get(`/v1/audit/checkpoints/${made.id}`, 'leader')).statusCode).toBe(403);
    expect((await get('/v1/audit/checkpoints/999999', 'admin')).statusCode).toBe(404);

    for (const role of ['leader', 'unit', 'visitor'])
      expect((await get('/v1/audit/checkpoints', role)).statusCode).toBe(403);
    const verified = await get(`/v1/cases/${first}/events/verify`, 'office');
    expect(verified.json()).toMatchObject({
      ok: true,
      findings: [],
      checkpoint: { id: made.id + 1, signatureValid: true, head: { caseId: first } },
    });
  });

  it('answers the verify of a deleted case with what it found, not 404', async () => {
    const id = await report('要被删的');
    await checkpoint();
    await tamper(db.sql, (tx) => deleteCaseEntirely(tx, id));
    const verified = await get(`/v1/cases/${id}/events/verify`, 'admin');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: false, events: 0, findings: [{ kind: 'deleted', caseId: id }] });
    expect((await get('/v1/cases/case-never-reported/events/verify', 'admin')).statusCode).toBe(404);
    expect((await get(`/v1/cases/${id}/events/verify`, 'unit')).statusCode).toBe(403);
  });

  it('is scheduled only where the worker holds a signing key, and runs from its schedule', async () => {
    const without = loadConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue });
    expect(dubanSchedules(without).map((s) => s.workflowType)).not.toContain('auditCheckpointWorkflow');
    const config = loadConfig({ TEMPORAL_TASK_QUEUE: h.taskQueue, DUBAN_AUDIT_SIGNING_KEY: privatePem });
    expect(await ensureSchedules(h.client, config, { idPrefix })).toMatchObject({ [scheduleId]: 'created' });
    const schedule = await h.client.schedule.getHandle(scheduleId).describe();
    // The key never travels with the schedule: the worker reads it from its own environment.
    expect(schedule.action).toMatchObject({ workflowType: 'auditCheckpointWorkflow', args: [] });
    expect(JSON.stringify(schedule)).not.toContain('PRIVATE KEY');

    const count = async () => (await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_checkpoints`)[0]!.n;
    const before = await count();
    await h.client.schedule.getHandle(scheduleId).trigger();
    await vi.waitFor(async () => expect(await count()).toBe(before + 1), { timeout: 20_000, interval: 200 });
  });
});
