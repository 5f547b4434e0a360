// DUBAN_POLICY_MIN_DURATION (api/routes/policy-floor.ts): with a floor, a category policy with a
// shorter duration is refused with 422 naming each field, and nothing is stored; without one (the
// default, as in development and drills), second-long policies are accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config';
import { bearer, tokenFor } from '../support/fixtures';
import { startLimitsApp, type LimitsApp } from './limits-app';

describe('the policy duration floor', () => {
  let floored: LimitsApp;
  let open: LimitsApp;
  const admin: Record<string, string> = {};

  beforeAll(async () => {
    [floored, open] = await Promise.all([startLimitsApp({ policyMinDuration: 'PT1H' }), startLimitsApp()]);
    admin.floored = await tokenFor(floored.db.sql, 'admin');
    admin.open = await tokenFor(open.db.sql, 'admin');
  });
  afterAll(async () => {
    await floored?.stop();
    await open?.stop();
  });

  const write = (h: LimitsApp, token: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
    h.app.inject({ method, url, headers: bearer(token), payload });
  const policyOf = async (h: LimitsApp, code: string) =>
    (
      await h.db.sql<{ policy: object }[]>`
      SELECT p.policy FROM categories c JOIN category_policies p ON p.category_code = c.code AND p.version = c.policy_version
      WHERE c.code = ${code}`
    )[0]?.policy;

  it('refuses durations below the floor on create and on update, naming each field; nothing stored', async () => {
    const created = await write(floored, admin.floored!, 'POST', '/v1/categories', {
      code: 'drill',
      name: '演练',
      policy: { acceptWithin: 'PT5S', reportEvery: 'PT59M', resolveWithin: 'P30D' },
    });
    expect(created.statusCode).toBe(422);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.json()).toMatchObject({
      errors: [
        { path: 'body.policy.acceptWithin', message: 'must be at least PT1H' },
        { path: 'body.policy.reportEvery', message: 'must be at least PT1H' },
      ],
    });
    expect(await policyOf(floored, 'drill')).toBeUndefined();

    const before = await policyOf(floored, 'street-vending');
    const patched = await write(floored, admin.floored!, 'PATCH', '/v1/categories/street-vending', {
      policy: { reportGrace: 'PT30M' },
    });
    expect(patched.statusCode).toBe(422);
    expect(patched.json()).toMatchObject({ errors: [{ path: 'body.policy.reportGrace' }] });
    expect(await policyOf(floored, 'street-vending')).toEqual(before);

    const atFloor = await write(floored, admin.floored!, 'PATCH', '/v1/categories/street-vending', {
      policy: { reportGrace: 'PT1H' },
    });
    expect(atFloor.statusCode).toBe(200);
  });

  it('without a floor accepts second-long policies, as drills and `npm start` use', async () => {
    const created = await write(open, admin.open!, 'POST', '/v1/categories', {
      code: 'drill',
      name: '演练',
      policy: { acceptWithin: 'PT5S', reportEvery: 'PT10S' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await policyOf(open, 'drill')).toMatchObject({ acceptWithin: 'PT5S', reportEvery: 'PT10S' });
  });

  it('reads the floor from the environment, unset by default', () => {
    expect(loadConfig({}).DUBAN_POLICY_MIN_DURATION).toBeUndefined();
    expect(loadConfig({ DUBAN_POLICY_MIN_DURATION: 'PT1H' }).DUBAN_POLICY_MIN_DURATION).toBe('PT1H');
    expect(() => loadConfig({ DUBAN_POLICY_MIN_DURATION: 'an hour' })).toThrow(/DUBAN_POLICY_MIN_DURATION/);
  });
});
