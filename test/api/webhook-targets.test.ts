// Webhook targets and secrets through the API (docs/limits.md): an internal target is refused on
// write unless DUBAN_WEBHOOK_ALLOW names it, and stores nothing; a unit's own secret is rotated by an
// admin and shown once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhookAllowList } from '../../shared/webhook-target';
import { bearer, tokenFor } from '../support/fixtures';
import { startLimitsApp, type LimitsApp } from './limits-app';

describe('webhook targets and secrets', () => {
  let h: LimitsApp;
  const tokens: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    h.app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });
  const stored = async (id: string) =>
    (
      await h.db.sql<{ webhookUrl: string | null }[]>`SELECT webhook_url AS "webhookUrl" FROM units WHERE id = ${id}`
    )[0];

  beforeAll(async () => {
    h = await startLimitsApp({ webhookAllow: parseWebhookAllowList('hooks.internal, 10.20.0.0/16') });
    tokens.admin = await tokenFor(h.db.sql, 'admin');
    tokens.office = await tokenFor(h.db.sql, 'office');
    tokens.unit = await tokenFor(h.db.sql, 'unit', 'city-management');
  });
  afterAll(async () => h?.stop());

  it('refuses a webhook to 127.0.0.1, localhost, ::1, private and link-local ranges with 422 naming the field; nothing stored', async () => {
    for (const webhookUrl of [
      'http://127.0.0.1:7233/api',
      'http://localhost:8080/',
      'http://[::1]/hook',
      'http://0.0.0.0/hook',
      'http://10.1.2.3/hook',
      'http://172.20.0.5/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]/hook',
    ]) {
      const patched = await call('admin', 'PATCH', '/v1/units/city-management', { webhookUrl });
      expect(patched.statusCode, webhookUrl).toBe(422);
      expect(patched.headers['content-type']).toContain('application/problem+json');
      expect(patched.json()).toMatchObject({ errors: [{ path: 'body.webhookUrl' }] });
      const created = await call('admin', 'POST', '/v1/units', {
        id: 'probe-unit',
        name: '探测',
        kind: 'department',
        webhookUrl,
      });
      expect(created.statusCode, webhookUrl).toBe(422);
    }
    expect(await stored('city-management')).toEqual({ webhookUrl: null });
    expect(await stored('probe-unit')).toBeUndefined();
  });

  it('accepts a public target, and an internal one the allow-list names by host or network', async () => {
    for (const webhookUrl of ['https://hooks.example.org/duban', 'http://hooks.internal/duban', 'http://10.20.1.2/x']) {
      const patched = await call('admin', 'PATCH', '/v1/units/city-management', { webhookUrl });
      expect(patched.statusCode, webhookUrl).toBe(200);
      expect(await stored('city-management')).toEqual({ webhookUrl });
    }
  });

  it("rotates a unit's webhook secret for admins only, shows it once, and stores it for deliveries", async () => {
    for (const who of ['office', 'unit']) {
      expect((await call(who, 'POST', '/v1/units/city-management/webhook-secret')).statusCode, who).toBe(403);
    }
    expect((await call('admin', 'POST', '/v1/units/nowhere/webhook-secret')).statusCode).toBe(404);
    const first = await call('admin', 'POST', '/v1/units/city-management/webhook-secret');
    expect(first.statusCode).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const { secret } = first.json<{ secret: string }>();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const second = (await call('admin', 'POST', '/v1/units/city-management/webhook-secret')).json<{ secret: string }>();
    expect(second.secret).not.toBe(secret);
    const [row] = await h.db.sql`SELECT secret FROM unit_webhook_secrets WHERE unit_id = 'city-management'`;
    expect(row).toEqual({ secret: second.secret });
    // Nothing reads it back: not the unit as an admin sees it.
    expect((await call('admin', 'GET', '/v1/units/city-management')).body).not.toContain(second.secret);
  });
});
