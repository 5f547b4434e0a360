// docs/calendar.md: GET /v1/calendar/{year} for every role, PUT by an admin as a new version that never
// changes an older one; refused arrangements change nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../../shared/db/calendar';
import type { Role } from '../../shared/domain/enums';
import { workingDaysDue } from '../../shared/domain/working-days';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

const ROLES: Role[] = ['admin', 'office', 'leader', 'unit', 'visitor'];

describe('the working-day calendar over HTTP', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    for (const role of ROLES) tokens[role] = await tokenFor(db.sql, role, role === 'unit' ? 'city-management' : null);
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  const get = (who: Role, year: string | number) =>
    app.inject({ method: 'GET', url: `/v1/calendar/${year}`, headers: bearer(tokens[who]!) });
  const put = (who: Role, year: string | number, payload: object) =>
    app.inject({ method: 'PUT', url: `/v1/calendar/${year}`, headers: bearer(tokens[who]!), payload });
  const storedVersions = async () =>
    (await db.sql<{ version: number }[]>`SELECT version FROM calendar_versions ORDER BY version`).map((r) => r.version);

  it('every role reads a year from the shipped dataset: the 2026 National Day week and its make-up Saturday', async () => {
    for (const role of ROLES) {
      const response = await get(role, 2026);
      expect(response.statusCode, role).toBe(200);
      expect(response.json(), role).toMatchObject({ year: 2026, version: 0, source: 'dataset', known: true });
    }
    const body = (await get('unit', 2026)).json<{ holidays: string[]; workdays: string[]; dataset: string }>();
    expect(body.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-17']));
    expect(body.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
    expect(body.dataset).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
  });

  it('a year nobody has entered is answered as unknown, empty; a year outside 2000–2100 is a 400', async () => {
    expect((await get('office', 2099)).json()).toMatchObject({ known: false, holidays: [], workdays: [], version: 0 });
    for (const year of ['1999', '2101', '02026', 'abc', '2026.0']) {
      const response = await get('office', year);
      expect(response.statusCode, year).toBe(400);
      expect(response.json(), year).toMatchObject({ errors: [{ path: 'params.year' }] });
    }
    expect((await get('office', 2000)).statusCode).toBe(200);
    expect((await get('office', 2100)).statusCode).toBe(200);
  });

  it('only an admin may change a year (403 for every other role), and a refusal stores nothing', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin'))
      expect((await put(role, 2027, { holidays: ['2027-01-01'], workdays: [] })).statusCode, role).toBe(403);
    expect(await storedVersions()).toEqual([]);
  });

  it('each PUT makes a new version; the older ones stay as they were', async () => {
    const first = await put('admin', 2027, { holidays: ['2027-01-01'], workdays: [] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ year: 2027, source: 'override', known: true, holidays: ['2027-01-01'] });
    const firstVersion = first.json<{ version: number }>().version;
    // Unsorted in, sorted out; the make-up Saturday is accepted.
    const second = await put('admin', 2027, { holidays: ['2027-02-08', '2027-01-01'], workdays: ['2027-02-06'] });
    expect(second.json()).toMatchObject({
      version: firstVersion + 1,
      holidays: ['2027-01-01', '2027-02-08'],
      workdays: ['2027-02-06'],
    });
    expect((await get('visitor', 2027)).json()).toMatchObject({ version: firstVersion + 1, workdays: ['2027-02-06'] });
    const rows = await db.sql<{ version: number; holidays: string; createdBy: { role: string } }[]>`
      SELECT version, holidays::text AS holidays, created_by AS "createdBy" FROM calendar_versions ORDER BY version`;
    expect(rows).toMatchObject([
      { version: firstVersion, holidays: '{2027-01-01}', createdBy: { role: 'admin' } },
      { version: firstVersion + 1, holidays: '{2027-01-01,2027-02-08}', createdBy: { role: 'admin' } },
    ]);
    // The app role may only add rows: the history cannot be rewritten.
    await expect(db.appSql`UPDATE calendar_versions SET holidays = '{}'`).rejects.toThrow(/permission denied/);
  });

  it("what GET answers may be PUT back: the dataset's holidays on weekends inside a holiday period are accepted", async () => {
    const shipped = (await get('admin', 2026)).json<{ holidays: string[]; workdays: string[] }>();
    expect(shipped.holidays).toContain('2026-10-03'); // a Saturday in the National Day week
    const response = await put('admin', 2026, { holidays: shipped.holidays, workdays: shipped.workdays });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ source: 'override', holidays: shipped.holidays });
  });

  it('refuses an arrangement that cannot be right, 422 naming each date, and stores nothing', async () => {
    const before = await storedVersions();
    const refusals: Array<[object, Array<{ path: string; message: string }>]> = [
      [
        { holidays: ['2027-01-01', '2026-12-31'], workdays: [] },
        [{ path: 'body.holidays.1', message: '2026-12-31 is not in 2027' }],
      ],
      [
        { holidays: ['2027-01-01', '2027-01-01'], workdays: [] },
        [{ path: 'body.holidays.1', message: '2027-01-01 is listed twice' }],
      ],
      [
        { holidays: ['2027-01-02'], workdays: ['2027-01-02'] },
        [{ path: 'body.workdays.0', message: '2027-01-02 is also listed as a holiday' }],
      ],
      [
        { holidays: [], workdays: ['2027-01-04'] },
        [{ path: 'body.workdays.0', message: expect.stringContaining('2027-01-04 is a weekday') as string }],
      ],
    ];
    for (const [body, errors] of refusals) {
      const response = await put('admin', 2027, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json<{ errors: unknown[] }>().errors).toEqual(errors);
    }
    expect(await storedVersions()).toEqual(before);
  });

  it('refuses a body outside the schema with a 400: an unknown field, a date that does not exist, a missing list', async () => {
    const before = await storedVersions();
    for (const body of [
      { holidays: [], workdays: [], note: '补班' },
      { holidays: ['2027-02-30'], workdays: [] },
      { holidays: ['2027-01-01'] },
    ]) {
      const response = await put('admin', 2027, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await put('admin', 2101, { holidays: [], workdays: [] })).statusCode).toBe(400);
    expect(await storedVersions()).toEqual(before);
  });

  it('a clock counts on the calendar it pinned: a later edit changes what a new clock pins, not the pinned copy', async () => {
    const pinned = await loadWorkingCalendar(db.sql, 2026, 2027);
    expect(pinned.years['2026']?.workdays).toContain('2026-10-10');
    const start = Date.parse('2026-12-30T10:00:00+08:00');
    const before = workingDaysDue(start, 5, pinned);
    // The office learns that Monday 4 January 2027 is off as well.
    const edited = await put('admin', 2027, { holidays: ['2027-01-01', '2027-01-04'], workdays: [] });
    const repinned = await loadWorkingCalendar(db.sql, 2026, 2027);
    expect(repinned.version).toBe(edited.json<{ version: number }>().version);
    expect(repinned.version).toBeGreaterThan(pinned.version);
    expect(workingDaysDue(start, 5, pinned)).toEqual(before);
    expect(workingDaysDue(start, 5, repinned).dueMs - before.dueMs).toBe(86_400_000);
  });
});
