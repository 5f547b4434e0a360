import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config';

describe('configuration from the environment', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'duban',
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATABASE_POOL_MAX: 10,
    });
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('names every bad variable with what is wrong, in one error', () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL: must be a postgres/);
      expect(problems).toMatch(/PORT:/);
      expect(problems).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
      expect(problems).toMatch(/LOG_LEVEL:/);
    }
  });

  it('refuses an admin bootstrap token too short to be a secret', () => {
    expect(() => loadConfig({ DUBAN_ADMIN_TOKEN: 'admin' })).toThrow(/DUBAN_ADMIN_TOKEN: must be at least 16/);
  });
});
