// Issue 13: the accounts' settings are checked at start, like every other (shared/config.ts).
import { describe, expect, it } from 'vitest';
import { bootstrapSettingsFrom } from '../../shared/accounts/bootstrap-admin';
import { loadConfig } from '../../shared/config';

describe('accounts settings', () => {
  it('default to 12-hour sessions and a bootstrap token that lasts a day', () => {
    const config = loadConfig({});
    expect(config.DUBAN_SESSION_TTL).toBe('PT12H');
    expect(bootstrapSettingsFrom(config)).toEqual({
      adminToken: undefined,
      adminTokenTtlMs: 86_400_000,
      adminLogin: undefined,
      adminPassword: undefined,
    });
  });

  it.each([
    ['DUBAN_SESSION_TTL', '12h', /DUBAN_SESSION_TTL: must be an ISO-8601 duration/],
    ['DUBAN_ADMIN_TOKEN_TTL', 'P1M', /DUBAN_ADMIN_TOKEN_TTL: must be an ISO-8601 duration/],
    ['DUBAN_ADMIN_LOGIN', 'zhang wei', /DUBAN_ADMIN_LOGIN: must be 2 to 64 letters/],
    ['DUBAN_ADMIN_PASSWORD', 'short', /DUBAN_ADMIN_PASSWORD: must be at least 10 characters/],
    ['DUBAN_ADMIN_TOKEN', 'dbs_looks-like-a-session', /DUBAN_ADMIN_TOKEN: must not start with dbs_/],
  ])('refuses %s=%s at start', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
