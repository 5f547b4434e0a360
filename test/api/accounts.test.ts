// Issue 13, accounts: admins create, read, change and disable people's accounts over the API; no
// other role may; a weak password, a unit the role may not hold, a taken login and unknown fields are
// refused and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { GOOD_PASSWORD, logInOver, personWith, sessionOf } from '../accounts/people';

describe('accounts, for admins', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    api = await buildTestApp(db.sql);
    await personWith(db.sql, 'root', 'admin');
    admin = await sessionOf(api.app, 'root');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, token = admin) =>
    api.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const accountCount = async () => Number((await db.sql`SELECT count(*) AS n FROM accounts`)[0]!.n);

  it('creates an account (201, Location) that can log in, and reads it back without its password', async () => {
    const created = await call('POST', '/v1/accounts', {
      login: 'Liu.Yang',
      name: '刘洋',
      role: 'unit',
      unitId: 'city-management',
      password: GOOD_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    const account = created.json<{ id: string }>();
    expect(created.headers.location).toBe(`/v1/accounts/${account.id}`);
    expect(account).toMatchObject({ login: 'Liu.Yang', role: 'unit', unitId: 'city-management', active: true });
    expect((await call('GET', `/v1/accounts/${account.id}`)).json()).toEqual(account);
    expect(JSON.stringify((await call('GET', '/v1/accounts')).json())).not.toMatch(/scrypt/);
    expect((await logInOver(api.app, 'liu.yang')).statusCode).toBe(201);
  });

  it('refuses a login taken in another case (409), a weak password and a unit the role may not hold (422)', async () => {
    const before = await accountCount();
    const base = { name: '某人', role: 'visitor', password: GOOD_PASSWORD };
    expect((await call('POST', '/v1/accounts', { ...base, login: 'LIU.YANG' })).statusCode).toBe(409);
    const weak = await call('POST', '/v1/accounts', { ...base, login: 'weak.one', password: 'weak.one2026' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ errors: [{ path: 'body.password' }] });
    expect(weak.json<{ detail: string }>().detail).toMatch(/密码至少 10 个字符/);
    const officeWithUnit = await call('POST', '/v1/accounts', {
      ...base,
      login: 'office.two',
      role: 'office',
      unitId: 'office',
    });
    expect(officeWithUnit.json()).toMatchObject({ status: 422, errors: [{ path: 'body.unitId' }] });
    const unitWithout = await call('POST', '/v1/accounts', { ...base, login: 'unit.two', role: 'unit' });
    expect(unitWithout.statusCode).toBe(422);
    const unknownUnit = await call('POST', '/v1/accounts', { ...base, login: 'u3', role: 'unit', unitId: 'no-such' });
    expect(unknownUnit.json()).toMatchObject({ status: 422, errors: [{ path: 'body.unitId' }] });
    const extra = await call('POST', '/v1/accounts', { ...base, login: 'extra.field', active: false });
    expect(extra.statusCode).toBe(400);
    expect(await accountCount()).toBe(before);
  });

  it('lists accounts by login, page by page', async () => {
    for (const login of ['p-c', 'p-a', 'p-b']) await personWith(db.sql, login, 'leader');
    const logins: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await call('GET', `/v1/accounts?limit=2${query}`)).json<{
        items: { login: string }[];
        nextCursor: string | null;
      }>();
      logins.push(...page.items.map((a) => a.login));
      cursor = page.nextCursor;
    } while (cursor);
    expect(logins.filter((l) => l.startsWith('p-'))).toEqual(['p-a', 'p-b', 'p-c']);
  });

  it('a role or unit change applies to the open session at once; a new password ends it', async () => {
    const person = await personWith(db.sql, 'mover', 'unit', 'city-management');
    const token = await sessionOf(api.app, 'mover');
    expect((await call('GET', '/v1/summaries/monthly?month=2026-04', undefined, token)).statusCode).toBe(403);
    const changed = await call('PATCH', `/v1/accounts/${person.id}`, { role: 'office', name: '调任者' });
    expect(changed.json()).toMatchObject({ role: 'office', unitId: null, name: '调任者' });
    expect((await call('GET', '/v1/summaries/monthly?month=2026-04', undefined, token)).statusCode).toBe(200);

    const reset = await call('PATCH', `/v1/accounts/${person.id}`, { password: 'a new one, 2026' });
    expect(reset.statusCode).toBe(200);
    expect((await call('GET', '/v1/dispatches', undefined, token)).statusCode).toBe(401);
    expect((await logInOver(api.app, 'mover')).statusCode).toBe(401);
    expect((await logInOver(api.app, 'mover', 'a new one, 2026')).statusCode).toBe(201);
  });

  it('refuses a weak new password and an impossible role change, and changes nothing', async () => {
    const person = await personWith(db.sql, 'steady', 'visitor', 'qishe-town');
    const weak = await call('PATCH', `/v1/accounts/${person.id}`, { password: 'short1' });
    expect(weak.json()).toMatchObject({ status: 422, errors: [{ path: 'body.password' }] });
    const noUnit = await call('PATCH', `/v1/accounts/${person.id}`, { role: 'unit', unitId: null });
    expect(noUnit.json()).toMatchObject({ status: 422, errors: [{ path: 'body.unitId' }] });
    expect((await call('GET', `/v1/accounts/${person.id}`)).json()).toMatchObject({
      role: 'visitor',
      unitId: 'qishe-town',
    });
    expect((await logInOver(api.app, 'steady')).statusCode).toBe(201);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await call('GET', '/v1/accounts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('PATCH', '/v1/accounts/not-an-id', { name: 'x' })).statusCode).toBe(404);
  });

  it('no other role may list, read, create or change accounts (403), token or session alike', async () => {
    await personWith(db.sql, 'clerk', 'office');
    const callers = [await tokenFor(db.sql, 'office'), await sessionOf(api.app, 'clerk')];
    const [someone] = (await call('GET', '/v1/accounts')).json<{ items: { id: string }[] }>().items;
    const before = await accountCount();
    for (const token of callers) {
      expect((await call('GET', '/v1/accounts', undefined, token)).statusCode).toBe(403);
      expect((await call('GET', `/v1/accounts/${someone!.id}`, undefined, token)).statusCode).toBe(403);
      const post = { login: 'sneaky', name: 'x', role: 'admin', password: GOOD_PASSWORD };
      expect((await call('POST', '/v1/accounts', post, token)).statusCode).toBe(403);
      expect((await call('PATCH', `/v1/accounts/${someone!.id}`, { role: 'admin' }, token)).statusCode).toBe(403);
    }
    expect(await accountCount()).toBe(before);
  });

  it('the new routes are in /openapi.json', async () => {
    const paths = Object.keys((await api.app.inject({ url: '/openapi.json' })).json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/sessions',
        '/v1/sessions/current',
        '/v1/accounts',
        '/v1/accounts/{id}',
        '/v1/tokens/{id}',
      ]),
    );
  });
});
