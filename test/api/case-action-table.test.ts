// The API refuses exactly what the case-action table refuses: every path of the table, by every kind
// of caller, on a case in every status, through HTTP. A refusal answers the table's status code (and
// its `code`) and changes nothing; an allowed action goes through (on a fresh case in that status);
// and each case view's `allowedActions` lists exactly the allowed ones.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCase } from '../../shared/db/case-queries';
import { CASE_ERROR_HTTP_STATUS } from '../../shared/contracts/case-errors';
import { actorOf, type Actor } from '../../shared/domain/actor';
import { findPrincipal } from '../../shared/db/tokens';
import { CASE_ACTION_RULES, CASE_ACTIONS, actionAt, caseActionRefusal } from '../../shared/domain/case-rules';
import { caseFactsOfRow } from '../../api/services/case-facts';
import type { TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';

const DAY = 86_400_000;
const CALLERS = ['admin', 'office', 'leader', 'reporter', 'otherVisitor', 'lead', 'coHandler', 'otherUnit'] as const;
type Caller = (typeof CALLERS)[number];

const PATHS = [
  ...new Set(CASE_ACTIONS.map((action) => CASE_ACTION_RULES[action].path).filter((path) => path !== null)),
] as string[];

interface CaseView {
  id: string;
  status: string;
  deadline: string | null;
  allowedActions: Array<{ action: string; path: string }>;
}

describe('the API agrees with the case-action table', () => {
  let system: TestSystem;
  let db: TestDatabase;
  let app: FastifyInstance;
  const tokens = {} as Record<Caller, string>;
  const actors = {} as Record<Caller, Actor>;

  const call = (who: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]), ...(payload ? { payload } : {}) });

  async function ok<T>(who: Caller, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} by ${who}: ${response.body}`).toBeLessThan(300);
    return response.json<T>();
  }

  const report = (extra: object = {}) =>
    ok<CaseView>('reporter', 'POST', '/v1/cases', {
      kind: 'problem_clue',
      category: 'street-vending',
      title: '店外占道促销手续难办',
      description: '希望对店面宣传方面可以适当放宽',
      locality: 'xingtai',
      ...extra,
    });
  const act = (who: Caller, c: CaseView, path: string, payload: object) =>
    ok<CaseView>(who, 'POST', `/v1/cases/${c.id}/${path}`, payload);

  const queued = () => report();
  const assigned = () => report({ priority: 'urgent' });
  const inProgress = async () => act('lead', await assigned(), 'accept', {});
  const verifying = async () => act('lead', await inProgress(), 'resolve', { measures: '已整改', outcome: '已办结' });
  const untilAfter = (c: CaseView) =>
    new Date((c.deadline ? Date.parse(c.deadline) : Date.now()) + 10 * DAY).toISOString();

  /** A case in each status the table distinguishes, made only through HTTP. */
  const FIXTURES: Record<string, () => Promise<CaseView>> = {
    triage: async () => act('lead', await assigned(), 'return', { reason: '不属于本单位职责' }),
    queued,
    assigned,
    inProgress,
    inProgressWithPendingExtension: async () => {
      const c = await inProgress();
      return act('lead', c, 'extension-requests', { until: untilAfter(c), reason: '需协调资金' });
    },
    inProgressAtLeadership: async () => act('office', await inProgress(), 'escalate', { level: 2, note: '反映强烈' }),
    verifying,
    closedResolved: async () => act('reporter', await verifying(), 'follow-up', { satisfied: true }),
    closedOnSpot: () => report({ resolvedOnSpot: { measures: '当场解答' } }),
    closedWithdrawn: async () => act('office', await queued(), 'close', { reason: 'withdrawn' }),
  };

  /** A valid body for each path: only the caller and the case may make the action fail. */
  const bodyFor = (path: string, c: CaseView): object =>
    ({
      accept: {},
      return: { reason: '不属于本单位职责' },
      reports: { progress: '已约谈商户' },
      'extension-requests': { until: untilAfter(c), reason: '需协调资金' },
      'extension-requests/{requestId}/decision': { approve: true },
      resolve: { measures: '已整改', outcome: '已办结' },
      'follow-up': { satisfied: true },
      assign: { lead: 'justice-bureau' },
      close: { reason: 'withdrawn' },
      escalate: { level: 2, note: '反映强烈' },
      instructions: { text: '限期办结，每周报告进展' },
      'instructions/{instructionId}/ack': {},
      calendar: { reason: '节假日安排调整' },
    })[path]!;

  async function urlFor(path: string, caseId: string): Promise<string> {
    const row = await findCase(db.sql, caseId);
    const pending = row ? (await caseFactsOfRow(db.sql, row)).pendingExtensionId : null;
    // No fixture carries an instruction: an acknowledgement names one the case does not know.
    return `/v1/cases/${caseId}/${path.replace('{requestId}', pending ?? 'no-such-request').replace('{instructionId}', 'no-such-instruction')}`;
  }

  beforeAll(async () => {
    system = await startSystem('action-table');
    ({ db, app } = system);
    const made: Record<Caller, [Parameters<typeof tokenFor>[1], string | null]> = {
      admin: ['admin', null],
      office: ['office', null],
      leader: ['leader', null],
      reporter: ['visitor', null],
      otherVisitor: ['visitor', null],
      lead: ['unit', 'city-management'],
      coHandler: ['unit', 'xingtai-street'],
      otherUnit: ['unit', 'justice-bureau'],
    };
    for (const caller of CALLERS) {
      const [role, unitId] = made[caller];
      tokens[caller] = await tokenFor(db.sql, role, unitId);
      actors[caller] = actorOf((await findPrincipal(db.sql, tokens[caller]))!);
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  for (const fixture of Object.keys(FIXTURES)) {
    it(`on a case ${fixture}: every path by every caller answers as the table says`, async () => {
      const c = await FIXTURES[fixture]!();
      const row = (await findCase(db.sql, c.id))!;
      const facts = await caseFactsOfRow(db.sql, row);
      for (const caller of CALLERS) {
        const seen = await call(caller, 'GET', `/v1/cases/${c.id}`);
        for (const path of PATHS) {
          const label = `${path} by ${caller} on ${fixture}`;
          const url = await urlFor(path, c.id);
          if (seen.statusCode === 404) {
            // Outside the caller's scope the case does not exist for it, whatever the action.
            const response = await call(caller, 'POST', url, bodyFor(path, c));
            expect([403, 404], label).toContain(response.statusCode);
            continue;
          }
          const action = actionAt(path, actors[caller], facts);
          const refusal = caseActionRefusal(action, actors[caller], facts, Date.now());
          const offered = seen.json<CaseView>().allowedActions.some((allowed) => allowed.action === action);
          const undecidable =
            (path.includes('{requestId}') && facts.pendingExtensionId === null) ||
            (path.includes('{instructionId}') && (facts.openInstructionIds ?? []).length === 0);
          if (refusal === null && !undecidable) {
            expect(offered, `${label} is offered`).toBe(true);
            const fresh = await FIXTURES[fixture]!();
            const response = await call(caller, 'POST', await urlFor(path, fresh.id), bodyFor(path, fresh));
            expect(response.statusCode, `${label}: ${response.body}`).toBe(200);
            continue;
          }
          expect(offered, `${label} is not offered`).toBe(false);
          const response = await call(caller, 'POST', url, bodyFor(path, c));
          if (refusal === null) {
            // The table allows deciding (acknowledging), but there is no request (instruction) to name.
            expect(response.statusCode, label).toBe(404);
            continue;
          }
          expect(response.statusCode, `${label}: ${response.body}`).toBe(CASE_ERROR_HTTP_STATUS[refusal.type]);
          if (refusal.type !== 'ROLE_NOT_ALLOWED') expect(response.json(), label).toMatchObject({ code: refusal.type });
        }
      }
      // Nothing refused moved the case.
      expect((await findCase(db.sql, c.id))!.seq).toBe(row.seq);
    });
  }
});
