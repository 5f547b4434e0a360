// Issue 13, "Done when": every route of /openapi.json, tried by no one, by an unknown bearer and by
// each role (two units, two visitors), against the contract's "who" column (route-table.ts). Each
// refusal is the contract's (401, 403, or 404 outside the caller's scope) and stores nothing: no row
// of any table changes and no workflow starts. Case actions by allowed callers, per status, are
// test/api/case-action-table.test.ts's walk; this file checks their refusals of role and of scope.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../support/fixtures';
import { startSystem, type TestSystem } from '../../support/system';
import { databaseContent } from '../text-probes';
import {
  CALLERS,
  attempt,
  issueTokens,
  openSessions,
  operationsOf,
  refusalFor,
  seedTargets,
  type Caller,
  type Operation,
} from './adversary';
import type { Ids } from './route-table';

describe('every route, by every kind of caller', () => {
  let system: TestSystem;
  let tokens: Record<Caller, string>;
  let sessions: Record<Caller, string>;
  let ids: Ids;
  let operations: Operation[];

  /** Rows of every table and the workflows of this file's task queue: equal, nothing was stored or started. */
  const stored = async () => {
    const { client, taskQueue } = system.temporal;
    const workflows = (await client.workflow.count(`TaskQueue = '${taskQueue}'`)).count;
    return { tables: await databaseContent(system.db.sql), workflows };
  };

  /**
   * The state once the background has done its part (cases' workflows write their notices and clear
   * their start outbox after the request answered), so that a change seen later is a request's.
   */
  const stillness = async () => {
    let before = await stored();
    for (let unchanged = 0; unchanged < 2;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await stored();
      unchanged = JSON.stringify(now) === JSON.stringify(before) ? unchanged + 1 : 0;
      before = now;
    }
    return before;
  };

  beforeAll(async () => {
    system = await startSystem('adversarial-roles');
    tokens = await issueTokens(system.db.sql);
    sessions = await openSessions(system.app, system.db.sql);
    ids = await seedTargets(system.app, system.db.sql, tokens);
    operations = await operationsOf(system.app);
    await stillness();
  });
  afterAll(async () => system?.stop());

  it('finds every operation of /openapi.json in the route table, the v1.1 routes among them', () => {
    const keys = operations.map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['POST /v1/cases', 'POST /v1/sessions', 'GET /v1/tokens']));
    expect(keys.length).toBeGreaterThan(50);
  });

  it('answers 401 without a token and with an unknown bearer on every /v1 route, storing nothing', async () => {
    const before = await stored();
    const answers: Record<string, number[]> = {};
    const expected: Record<string, number[]> = {};
    for (const operation of operations) {
      if (!operation.key.includes(' /v1/')) continue;
      const unknown = `dbn_${randomBytes(24).toString('base64url')}`;
      const remoteAddress = '10.13.0.1';
      answers[operation.key] = [
        (await attempt(system.app, operation, ids, { remoteAddress })).statusCode,
        (await attempt(system.app, operation, ids, { remoteAddress, token: unknown })).statusCode,
      ];
      // POST /v1/sessions needs no bearer; the table's login is nobody's, so it is a 401 all the same.
      expected[operation.key] = [401, 401];
    }
    expect(answers).toEqual(expected);
    expect(await stored()).toEqual(before);
  });

  it.each(['token', 'session'] as const)(
    'refuses each caller the contract does not let in (403, or 404 outside its scope) by %s, storing nothing',
    async (kind) => {
      const bearers = kind === 'token' ? tokens : sessions;
      const answers: Record<string, Partial<Record<Caller, number>>> = {};
      const expected: typeof answers = {};
      const changed: string[] = [];
      for (const operation of operations) {
        const before = await stored();
        for (const caller of CALLERS) {
          // Null for the open routes too: the 401 test above tried POST /v1/sessions's wrong pair.
          const refusal = refusalFor(operation.expectation, caller, kind);
          if (refusal === null) continue;
          const response = await attempt(system.app, operation, ids, { token: bearers[caller] });
          (answers[operation.key] ??= {})[caller] = response.statusCode;
          (expected[operation.key] ??= {})[caller] = refusal;
          const type = response.headers['content-type'];
          if (response.statusCode === refusal) expect(type, `${operation.key} by ${caller}`).toContain('problem+json');
        }
        if (JSON.stringify(await stored()) !== JSON.stringify(before)) changed.push(operation.key);
      }
      expect(answers).toEqual(expected);
      expect(changed, 'refused, yet something was stored').toEqual([]);
    },
  );

  it("never shows unit A's case to unit B or to another visitor, whatever unit or filter they name", async () => {
    for (const caller of ['unitB', 'visitorB'] as const) {
      const as = (url: string) => system.app.inject({ url, headers: bearer(tokens[caller]) });
      for (const filter of ['', '?unit=city-management', `?q=${encodeURIComponent('夜市占道')}`]) {
        const ledger = await as(`/v1/cases${filter}`);
        expect(ledger.statusCode, `${caller} ${filter}`).toBe(200);
        const listed = ledger.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
        expect(listed).not.toContain(ids.caseA);
        // The counts count what the ledger lists, no more (visitor B sees its own case B).
        const counts = await as(`/v1/ledger/counts${filter}`);
        expect(counts.statusCode).toBe(200);
        expect(counts.json<{ total: number }>().total, `${caller} ${filter}`).toBe(listed.length);
      }
    }
    const csv = await system.app.inject({ url: '/v1/ledger.csv?unit=city-management', headers: bearer(tokens.unitB) });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain(ids.caseA);
    const notices = await system.app.inject({
      url: '/v1/notifications?unit=city-management',
      headers: bearer(tokens.unitB),
    });
    expect(notices.statusCode).toBe(403);
  });

  it("does not answer one caller's Idempotency-Key to another, nor store anything for the replay", async () => {
    const body = {
      kind: 'suggestion',
      category: 'unowned',
      title: '路灯不亮',
      description: '巷口路灯坏了',
      locality: 'xingtai',
    };
    const report = (caller: Caller) =>
      system.app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { ...bearer(tokens[caller]), 'idempotency-key': 'adversary-replay-1' },
        payload: body,
      });
    const first = await report('visitorA');
    expect(first.statusCode).toBe(201);
    const replayed = await report('visitorB');
    expect([201, 409]).toContain(replayed.statusCode);
    if (replayed.statusCode === 201)
      expect(replayed.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    // Unit B replaying a key unit A could have used on case A is refused by scope before any key is read.
    const before = await stillness();
    const action = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${ids.caseA}/accept`,
      headers: { ...bearer(tokens.unitB), 'idempotency-key': 'adversary-replay-1' },
      payload: {},
    });
    expect(action.statusCode).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('lets in each caller the contract allows (case actions aside: their status decides, see above)', async () => {
    const refused: string[] = [];
    for (const operation of operations) {
      const { expectation } = operation;
      if (expectation.caseAction || expectation.who === 'anyone' || expectation.who === 'session') continue;
      for (const caller of CALLERS) {
        if (refusalFor(expectation, caller) !== null) continue;
        const response = await attempt(system.app, operation, ids, { token: tokens[caller] });
        const status = response.statusCode;
        const outOfScope = expectation.scopedToCaseA && status === 404;
        if (status === 401 || status === 403 || status >= 500 || outOfScope) {
          refused.push(`${operation.key} by ${caller}: ${status} ${response.body.slice(0, 200)}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });
});
