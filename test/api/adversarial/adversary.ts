// What the adversarial files share: the callers (each role, two units, two visitors), the operations
// /openapi.json publishes, the objects the requests name, and one request of a route's table entry.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { openAccount } from '../../../shared/accounts/manage-accounts';
import { createCampaign } from '../../../shared/db/campaigns';
import type { Sql } from '../../../shared/db/sql';
import { createToken } from '../../../shared/db/tokens';
import type { Role } from '../../../shared/domain/enums';
import { bearer, tokenFor } from '../../support/fixtures';
import { personWith, sessionOf } from '../../accounts/people';
import { UPLOAD_CSV, expectationOf, type Ids, type RouteExpectation } from './route-table';

export const CALLERS = ['admin', 'office', 'leader', 'unitA', 'unitB', 'visitorA', 'visitorB'] as const;
export type Caller = (typeof CALLERS)[number];
export const ROLE_OF: Record<Caller, Role> = {
  admin: 'admin',
  office: 'office',
  leader: 'leader',
  unitA: 'unit',
  unitB: 'unit',
  visitorA: 'visitor',
  visitorB: 'visitor',
};
/** Unit A leads case A (street vending goes to city management); unit B has nothing to do with it. */
const UNIT_OF: Partial<Record<Caller, string>> = { unitA: 'city-management', unitB: 'justice-bureau' };

/** A service token per caller. */
export async function issueTokens(sql: Sql): Promise<Record<Caller, string>> {
  const tokens = {} as Record<Caller, string>;
  for (const caller of CALLERS) tokens[caller] = await tokenFor(sql, ROLE_OF[caller], UNIT_OF[caller] ?? null);
  return tokens;
}

/** A person's session per caller: an account of the caller's role and unit, logged in over the API. */
export async function openSessions(app: FastifyInstance, sql: Sql): Promise<Record<Caller, string>> {
  const sessions = {} as Record<Caller, string>;
  for (const caller of CALLERS) {
    await personWith(sql, `adversary.${caller.toLowerCase()}`, ROLE_OF[caller], UNIT_OF[caller] ?? null);
    sessions[caller] = await sessionOf(app, `adversary.${caller.toLowerCase()}`);
  }
  return sessions;
}

/** Well-formed ids of nothing: for files whose requests are refused before any lookup. */
export const UNSEEN_IDS: Ids = {
  caseA: 'case-00000000-0000-4000-8000-000000000000',
  reporterB: '00000000-0000-4000-8000-000000000001',
  campaign: '00000000-0000-4000-8000-000000000002',
  dispatch: 'dispatch-00000000-0000-4000-8000-000000000003',
  spareToken: '00000000-0000-4000-8000-000000000004',
  account: '00000000-0000-4000-8000-000000000005',
};

/** The objects the routes act on, made through the API where a caller would make them. */
export async function seedTargets(app: FastifyInstance, sql: Sql, tokens: Record<Caller, string>): Promise<Ids> {
  const report = async (who: Caller, title: string) => {
    const payload = {
      kind: 'problem_clue',
      category: 'street-vending',
      title,
      description: '夜市摊位占用人行道',
      locality: 'xingtai',
      priority: 'urgent',
      reporter: { name: '周建国', phone: '13800001234' },
    };
    const response = await app.inject({ method: 'POST', url: '/v1/cases', headers: bearer(tokens[who]), payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; status: string }>();
  };
  const caseA = await report('visitorA', '夜市占道');
  expect(caseA.status).toBe('assigned');
  const caseB = await report('visitorB', '商铺占道');
  const [reporter] = await sql<{ id: string }[]>`SELECT reporter_id::text AS id FROM cases WHERE id = ${caseB.id}`;
  const dispatched = await app.inject({ method: 'POST', url: '/v1/dispatches', headers: bearer(tokens.office) });
  expect(dispatched.statusCode, dispatched.body).toBe(201);
  const actor = { id: 'office', role: 'office' as const, unitId: null };
  const campaign = await createCampaign(
    sql,
    { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] },
    actor,
  );
  const spare = await createToken(sql, { name: 'spare', role: 'office' });
  const account = await openAccount(sql, {
    login: 'zhou.jg',
    name: '周建国',
    role: 'office',
    password: 'horse battery 7',
  });
  return {
    caseA: caseA.id,
    reporterB: reporter!.id,
    campaign: campaign.id,
    dispatch: dispatched.json<{ id: string }>().id,
    spareToken: spare.id,
    account: account.id,
  };
}

export interface Operation {
  /** `POST /v1/cases/{id}/accept`, as /openapi.json names it. */
  key: string;
  method: string;
  /** The names of its query parameters. */
  query: string[];
  expectation: RouteExpectation;
}

type Parameters = { parameters?: Array<{ in: string; name: string }> };

/** Every operation /openapi.json publishes, each with its table entry (throws for one without). */
export async function operationsOf(app: FastifyInstance): Promise<Operation[]> {
  const document = (await app.inject({ url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, Parameters>>;
  }>();
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, { parameters = [] }]) => {
      const key = `${method.toUpperCase()} ${path}`;
      const query = parameters.filter((p) => p.in === 'query').map((p) => p.name);
      return { key, method: method.toUpperCase(), query, expectation: expectationOf(key) };
    }),
  );
}

export interface Attempt {
  token?: string | undefined;
  remoteAddress?: string;
  /** Replaces the entry's URL (an encoded spelling of it). */
  url?: string;
}

/** One request of the operation as its table entry describes it, by `token` (none: no Authorization). */
export function attempt(
  app: FastifyInstance,
  { method, expectation }: Operation,
  ids: Ids,
  { token, remoteAddress, url }: Attempt = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = token ? bearer(token) : {};
  if (expectation.upload) headers['content-type'] = 'text/csv';
  return app.inject({
    method: method as 'GET',
    url: url ?? expectation.url(ids),
    headers,
    ...(remoteAddress ? { remoteAddress } : {}),
    ...(expectation.body ? { payload: expectation.body(ids) } : expectation.upload ? { payload: UPLOAD_CSV } : {}),
  });
}

/**
 * The refusal a caller gets from the contract, or null when the caller is let in. A person's session
 * made by openSessions reported nothing: it sees case A only by role or unit, as a token would.
 */
export function refusalFor(
  expectation: RouteExpectation,
  caller: Caller,
  bearer: 'token' | 'session' = 'token',
): 401 | 403 | 404 | null {
  const { who } = expectation;
  if (who === 'anyone') return null;
  if (who === 'session') return bearer === 'session' ? null : 403;
  if (!who.includes(ROLE_OF[caller])) return 403;
  if (expectation.scopedToCaseA && (caller === 'unitB' || caller === 'visitorB')) return 404;
  return null;
}
