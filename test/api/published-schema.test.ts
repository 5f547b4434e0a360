// /openapi.json must not promise more than the routes take: a client (or Schemathesis, whose ST202
// findings these are) that builds a request the document calls valid must not get "the request does
// not match the schema". Each request below is judged twice, by the published schema (Ajv) and by the
// API, and the two must agree; the cross-field rules JSON Schema cannot state are listed, once.
import Ajv2020 from 'ajv/dist/2020';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../shared/db/campaigns';
import { DayOrInstantSchema, DaySchema } from '../../shared/domain/calendar';
import { text } from '../../shared/domain/text';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ in: string; name: string; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface Probe {
  who: 'office' | 'admin';
  method: 'GET' | 'POST' | 'PATCH';
  /** The documented path, e.g. `/v1/cases/{id}/close`, and its values. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

const caseId = 'case-00000000-0000-4000-8000-000000000000';
const campaign = { name: '大走访', startsOn: '2026-01-01', endsOn: '2026-12-31', targets: [] };
const visit = {
  campaignId: '5eb002fa-3b78-44b5-8fd2-a9beefee9396',
  targetType: 'community',
  targetName: '兴泰社区',
  locality: 'xingtai',
  visitedAt: '2026-03-01',
};

/** What Schemathesis sent (ST202, ST101) and the edges around it: the document and the API agree on each. */
const agreeing: Array<[string, Probe]> = [
  ['a campaign', { who: 'office', method: 'POST', path: '/v1/campaigns', body: campaign }],
  [
    'a campaign in year 0000',
    { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, startsOn: '0000-01-01' } },
  ],
  [
    'a campaign ending in 9999',
    { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, endsOn: '9999-12-31' } },
  ],
  [
    'a campaign named "\\u000b"',
    { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, name: '\u000b' } },
  ],
  [
    'a campaign named "\\u0000"',
    { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, name: '\u0000' } },
  ],
  ['a visit', { who: 'office', method: 'POST', path: '/v1/visits', body: visit }],
  [
    'a visit to "\\u000b"',
    { who: 'office', method: 'POST', path: '/v1/visits', body: { ...visit, targetName: '\u000b' } },
  ],
  [
    'a visit in 1692',
    { who: 'office', method: 'POST', path: '/v1/visits', body: { ...visit, visitedAt: '1692-08-13' } },
  ],
  [
    'a visit at 0001-01-01T00:00:00+08:00',
    { who: 'office', method: 'POST', path: '/v1/visits', body: { ...visit, visitedAt: '0001-01-01T00:00:00+08:00' } },
  ],
  [
    'a unit token',
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/tokens',
      body: { name: '食品安全', role: 'unit', unitId: 'city-management' },
    },
  ],
  [
    'a unit token without unitId',
    { who: 'admin', method: 'POST', path: '/v1/tokens', body: { name: '食品安全', role: 'unit' } },
  ],
  [
    'an office token with unitId',
    { who: 'admin', method: 'POST', path: '/v1/tokens', body: { name: '办公室', role: 'office', unitId: 'office' } },
  ],
  [
    'a policy of PT0.5S',
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/categories',
      body: { code: 'c-1', name: '类', policy: { acceptWithin: 'PT0.5S' } },
    },
  ],
  [
    'a policy of ""',
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/categories',
      body: { code: 'c-2', name: '类', policy: { acceptWithin: '' } },
    },
  ],
  [
    'a policy of P0D',
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/categories',
      body: { code: 'c-3', name: '类', policy: { reportEvery: 'P0D' } },
    },
  ],
  [
    'a policy past any timer',
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/categories',
      body: { code: 'c-4', name: '类', policy: { resolveWithin: 'P99999999999999999999D' } },
    },
  ],
  [
    'a policy change to ""',
    {
      who: 'admin',
      method: 'PATCH',
      path: '/v1/categories/{code}',
      params: { code: 'street-vending' },
      body: { policy: { reportGrace: '' } },
    },
  ],
  [
    'closing as withdrawn',
    {
      who: 'office',
      method: 'POST',
      path: '/v1/cases/{id}/close',
      params: { id: caseId },
      body: { reason: 'withdrawn' },
    },
  ],
  [
    'closing as a duplicate of nothing',
    {
      who: 'office',
      method: 'POST',
      path: '/v1/cases/{id}/close',
      params: { id: caseId },
      body: { reason: 'duplicate' },
    },
  ],
  [
    'closing as not actionable, duplicateOf set',
    {
      who: 'office',
      method: 'POST',
      path: '/v1/cases/{id}/close',
      params: { id: caseId },
      body: { reason: 'not_actionable', duplicateOf: caseId },
    },
  ],
  [
    'the ledger of two statuses',
    {
      who: 'office',
      method: 'GET',
      path: '/v1/cases',
      query: { status: ['queued, closed', 'triage'], category: 'street-vending,unowned' },
    },
  ],
  ['the ledger of status 0', { who: 'office', method: 'GET', path: '/v1/cases', query: { status: '0' } }],
  ['the ledger from ""', { who: 'office', method: 'GET', path: '/v1/cases', query: { reportedFrom: '' } }],
  [
    'the ledger from a day to a time',
    {
      who: 'office',
      method: 'GET',
      path: '/v1/ledger/counts',
      query: { reportedFrom: '2026-01-01', reportedTo: '2026-12-31T00:00:00+08:00' },
    },
  ],
  [
    'the ledger from year 0000',
    { who: 'office', method: 'GET', path: '/v1/ledger/counts', query: { reportedFrom: '0000-01-01' } },
  ],
  ['the ledger searched for "  "', { who: 'office', method: 'GET', path: '/v1/ledger.csv', query: { q: '  ' } }],
  ['the ledger of category ""', { who: 'office', method: 'GET', path: '/v1/ledger.xlsx', query: { category: '' } }],
  ['the ledger of kind 0', { who: 'office', method: 'GET', path: '/v1/ledger.xlsx', query: { kind: '0' } }],
  ['week 0000-W00', { who: 'office', method: 'GET', path: '/v1/bulletins/weekly', query: { week: '0000-W00' } }],
  ['month 0000-00', { who: 'office', method: 'GET', path: '/v1/summaries/monthly', query: { month: '0000-00' } }],
  ['unit None', { who: 'office', method: 'GET', path: '/v1/units/{id}', params: { id: 'None' } }],
];

/** Rules between fields that JSON Schema cannot state: documented valid, refused with a 400 naming them. */
const crossField: Array<[string, Probe]> = [
  [
    'a campaign ending before it starts',
    { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, endsOn: '2025-12-31' } },
  ],
  [
    'a campaign with two targets for one unit and type',
    {
      who: 'office',
      method: 'POST',
      path: '/v1/campaigns',
      body: { ...campaign, targets: [1, 2].map((count) => ({ targetType: 'school', count })) },
    },
  ],
];

describe('the published request schemas', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let paths: Record<string, Record<string, Operation>>;
  const tokens: Record<string, string> = {};
  const ajv = new Ajv2020({ strict: false, validateFormats: false });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    tokens.office = await tokenFor(db.sql, 'office');
    tokens.admin = await tokenFor(db.sql, 'admin');
    harness = await buildTestApp(db.sql);
    app = harness.app;
    paths = (await app.inject({ url: '/openapi.json' })).json<{ paths: typeof paths }>().paths;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  /** The errors of the published schema for this request; none when the document calls it valid. */
  function documentedErrors(probe: Probe): string[] {
    const operation = paths[probe.path]?.[probe.method.toLowerCase()];
    if (!operation) throw new Error(`${probe.method} ${probe.path} is not documented`);
    const values: Record<string, Record<string, unknown>> = { path: probe.params ?? {}, query: probe.query ?? {} };
    const errors = (operation.parameters ?? []).flatMap((parameter) => {
      const value = values[parameter.in]?.[parameter.name];
      return value === undefined || ajv.validate(parameter.schema, value) ? [] : [`${parameter.in}.${parameter.name}`];
    });
    const body = operation.requestBody?.content['application/json']?.schema;
    if (body && probe.body !== undefined && !ajv.validate(body, probe.body)) errors.push('body');
    return errors;
  }

  const send = (probe: Probe) => {
    const url = Object.entries(probe.params ?? {}).reduce(
      (path, [name, value]) => path.replace(`{${name}}`, encodeURIComponent(value)),
      probe.path,
    );
    const query = new URLSearchParams(
      Object.entries(probe.query ?? {}).flatMap(([name, value]) =>
        [value].flat().map((v): [string, string] => [name, v]),
      ),
    ).toString();
    return app.inject({
      method: probe.method,
      url: query ? `${url}?${query}` : url,
      headers: bearer(tokens[probe.who]!),
      ...(probe.body === undefined ? {} : { payload: probe.body as object }),
    });
  };

  it.each(agreeing)('agree with the API on %s', async (_name, probe) => {
    const documented = documentedErrors(probe);
    const response = await send(probe);
    expect(response.statusCode === 400, `documented errors ${documented.join(', ') || 'none'}; ${response.body}`).toBe(
      documented.length > 0,
    );
    expect(response.statusCode).toBeLessThan(500);
  });

  it.each(crossField)('leave one cross-field rule to the API: %s', async (_name, probe) => {
    expect(documentedErrors(probe)).toEqual([]);
    expect((await send(probe)).statusCode).toBe(400);
  });

  it('refuse with 400 what broke further in: a year outside 1900–2999, a duration no timer holds', async () => {
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const wide = await createCampaign(db.sql, { ...campaign, startsOn: '1000-01-01', endsOn: '9999-12-31' }, actor);
    const refusals = {
      // PostgreSQL has no year 0: a 500.
      campaign: { who: 'office', method: 'POST', path: '/v1/campaigns', body: { ...campaign, startsOn: '0000-01-01' } },
      ledger: { who: 'office', method: 'GET', path: '/v1/ledger/counts', query: { reportedFrom: '0000-01-01' } },
      // In UTC this is in the year 10000: a 500.
      visit: {
        who: 'office',
        method: 'POST',
        path: '/v1/visits',
        body: { ...visit, campaignId: wide.id, visitedAt: '9999-12-31T23:00:00-08:00' },
      },
      // Date.UTC reads the year 1 as 1901: a summary of the wrong month.
      month: { who: 'office', method: 'GET', path: '/v1/summaries/monthly', query: { month: '0001-01' } },
      // Past what a Date holds: every case of the category would fail in its workflow, computing a deadline.
      policy: {
        who: 'admin',
        method: 'POST',
        path: '/v1/categories',
        body: { code: 'forever', name: '永久', policy: { resolveWithin: 'P99999999999999999999D' } },
      },
    } satisfies Record<string, Probe>;
    const statuses: Record<string, number> = {};
    for (const [name, probe] of Object.entries(refusals)) statuses[name] = (await send(probe)).statusCode;
    expect(statuses).toEqual({ campaign: 400, ledger: 400, visit: 400, month: 400, policy: 400 });
  });

  it('say of every string a request takes that U+0000 is refused', () => {
    const unmarked: string[] = [];
    const visit = (schema: Schema, where: string) => {
      if (schema.type === 'string' && !schema.enum && (schema.not as Schema | undefined)?.pattern !== '\\u0000') {
        unmarked.push(where);
      }
      for (const [name, child] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
        visit(child, `${where}.${name}`);
      }
      if (schema.items) visit(schema.items as Schema, `${where}[]`);
      for (const key of ['anyOf', 'oneOf', 'allOf']) {
        ((schema[key] as Schema[] | undefined) ?? []).forEach((child, i) => visit(child, `${where}<${key}${i}>`));
      }
    };
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const p of operation.parameters ?? []) visit(p.schema, `${method} ${path} ${p.in}.${p.name}`);
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          visit(media.schema, `${method} ${path} body`);
        }
      }
    }
    expect(unmarked).toEqual([]);
  });
});

describe('the patterns behind the published schemas', () => {
  it('"not blank" is what trim() leaves something of, for every character of the BMP', () => {
    const blank = text(10);
    const disagreeing: string[] = [];
    for (let code = 1; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (blank.safeParse(char).success !== (char.trim() !== '')) disagreeing.push(code.toString(16));
    }
    expect(disagreeing).toEqual([]);
  });

  it('a day is a real calendar day, 1900 to 2999, and the leap years are the Gregorian ones', () => {
    const real = (label: string) => {
      const [year, month, day] = label.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(2000, month - 1, day));
      date.setUTCFullYear(year, month - 1, day);
      return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const disagreeing: string[] = [];
    for (const year of [1899, 1900, 1904, 1999, 2000, 2024, 2100, 2400, 2800, 2900, 2999, 3000, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const label = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (DaySchema.safeParse(label).success !== real(label)) disagreeing.push(label);
          if (DayOrInstantSchema.safeParse(`${label}T23:59:59+08:00`).success !== real(label))
            disagreeing.push(`${label}T`);
        }
      }
    }
    expect(disagreeing).toEqual([]);
  });
});
