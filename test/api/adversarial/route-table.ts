// Who may call each route (the "who" column of docs/api.md, v1 and v1.1), and a request each route
// would take: the adversarial files walk /openapi.json and look every operation up here, so a route
// added without an entry fails them instead of going unprobed.
import { ROLES, type Role } from '../../../shared/domain/enums';

/** The objects the requests name; made by the test's setup (adversary.ts `seedTargets`). */
export interface Ids {
  /** An assigned case led by unit A (city-management), reported by visitor A. */
  caseA: string;
  /** The reporter of a case of visitor B's, for the erasure route. */
  reporterB: string;
  campaign: string;
  dispatch: string;
  /** A service token that no caller uses, for the revoke route. */
  spareToken: string;
  account: string;
}

export interface RouteExpectation {
  /** Roles the contract lets in; `anyone` needs no token; `session` is a person's session, no service token. */
  who: readonly Role[] | 'anyone' | 'session';
  /** The case routes: a caller of an allowed role that may not see case A gets 404 (shared/domain/access.ts). */
  scopedToCaseA?: true;
  /**
   * A case action: whether an allowed caller goes through depends on the case's status, which
   * test/api/case-action-table.test.ts walks; here only refusals of the role and of the scope.
   */
  caseAction?: true;
  url: (ids: Ids) => string;
  /** A body the route's schema accepts; `upload` is the CSV the visit import takes. */
  body?: (ids: Ids) => Record<string, unknown>;
  upload?: true;
}

const ALL = ROLES;
const reported = {
  kind: 'suggestion',
  category: 'street-vending',
  title: '夜市占道',
  description: '夜市摊位占用人行道',
  locality: 'xingtai',
  reporter: { name: '李某', phone: '13800001234' },
};
const onCaseA = (who: readonly Role[], action: string, body: Record<string, unknown>): RouteExpectation => ({
  who,
  caseAction: true,
  scopedToCaseA: true,
  url: (ids) => `/v1/cases/${ids.caseA}/${action}`,
  body: () => body,
});
const plain = (who: RouteExpectation['who'], url: string, body?: Record<string, unknown>): RouteExpectation => ({
  who,
  url: () => url,
  ...(body ? { body: () => body } : {}),
});

export const UPLOAD_CSV = 'targetType,targetName,locality,visitedAt\nhousehold,周先生家,xingtai,2026-04-10\n';

export const ROUTE_TABLE: Record<string, RouteExpectation> = {
  'GET /healthz': plain('anyone', '/healthz'),
  'GET /readyz': plain('anyone', '/readyz'),
  'POST /v1/cases': plain(['visitor', 'office'], '/v1/cases', reported),
  'GET /v1/cases': plain(ALL, '/v1/cases'),
  'GET /v1/cases/{id}': { who: ALL, scopedToCaseA: true, url: (ids) => `/v1/cases/${ids.caseA}` },
  'GET /v1/cases/{id}/events': { who: ALL, scopedToCaseA: true, url: (ids) => `/v1/cases/${ids.caseA}/events` },
  'GET /v1/cases/{id}/events/verify': {
    who: ['office', 'admin'],
    url: (ids) => `/v1/cases/${ids.caseA}/events/verify`,
  },
  'POST /v1/cases/{id}/accept': onCaseA(['unit'], 'accept', {}),
  'POST /v1/cases/{id}/return': onCaseA(['unit'], 'return', { reason: '不属本单位职责' }),
  // The lead's report, or a co-handler's contribution.
  'POST /v1/cases/{id}/reports': onCaseA(['unit'], 'reports', { progress: '已约谈摊主' }),
  'POST /v1/cases/{id}/extension-requests': onCaseA(['unit'], 'extension-requests', {
    until: '2030-01-01T00:00:00+08:00',
    reason: '需协调多部门',
  }),
  'POST /v1/cases/{id}/extension-requests/{requestId}/decision': {
    ...onCaseA(['office'], 'extension-requests/ext-1/decision', { approve: true }),
  },
  'POST /v1/cases/{id}/resolve': onCaseA(['unit'], 'resolve', { measures: '划定摆摊区域', outcome: '占道已清理' }),
  // The reporter, a visitor, follows up its own case.
  'POST /v1/cases/{id}/follow-up': onCaseA(['office', 'visitor'], 'follow-up', { satisfied: true }),
  'POST /v1/cases/{id}/assign': onCaseA(['office'], 'assign', { lead: 'justice-bureau' }),
  'POST /v1/cases/{id}/close': onCaseA(['office'], 'close', { reason: 'withdrawn' }),
  'POST /v1/cases/{id}/escalate': onCaseA(['office'], 'escalate', { level: 1, note: '反映强烈' }),
  'GET /v1/ledger/counts': plain(ALL, '/v1/ledger/counts'),
  'GET /v1/ledger.xlsx': plain(['office', 'leader', 'unit'], '/v1/ledger.xlsx'),
  'GET /v1/ledger.csv': plain(['office', 'leader', 'unit'], '/v1/ledger.csv'),
  'POST /v1/dispatches': plain(['office'], '/v1/dispatches', {}),
  'GET /v1/dispatches': plain(['office', 'leader', 'unit'], '/v1/dispatches'),
  'GET /v1/dispatches/{id}': { who: ['office', 'leader', 'unit'], url: (ids) => `/v1/dispatches/${ids.dispatch}` },
  'GET /v1/notifications': plain(['office', 'leader', 'unit'], '/v1/notifications'),
  'POST /v1/campaigns': plain(['office'], '/v1/campaigns', {
    name: '大走访',
    startsOn: '2026-03-01',
    endsOn: '2026-04-30',
    targets: [{ targetType: 'school', count: 3 }],
  }),
  'GET /v1/campaigns': plain(ALL, '/v1/campaigns'),
  'GET /v1/campaigns/{id}': { who: ALL, url: (ids) => `/v1/campaigns/${ids.campaign}` },
  'GET /v1/campaigns/{id}/progress': { who: ALL, url: (ids) => `/v1/campaigns/${ids.campaign}/progress` },
  'POST /v1/visits': {
    who: ['visitor', 'office'],
    url: () => '/v1/visits',
    body: (ids) => ({
      campaignId: ids.campaign,
      targetType: 'household',
      targetName: '周先生家',
      locality: 'xingtai',
      visitedAt: '2026-04-10',
    }),
  },
  'POST /v1/campaigns/{id}/visits/import': {
    who: ['visitor', 'office'],
    url: (ids) => `/v1/campaigns/${ids.campaign}/visits/import`,
    upload: true,
  },
  'GET /v1/spot-checks': plain(['office'], '/v1/spot-checks?date=2026-04-10'),
  'POST /v1/spot-checks/{id}/result': plain(['office'], '/v1/spot-checks/no-such-check/result', { passed: true }),
  'GET /v1/bulletins/weekly': plain(['office', 'leader'], '/v1/bulletins/weekly?week=2026-W15'),
  'GET /v1/summaries/monthly': plain(['office', 'leader'], '/v1/summaries/monthly?month=2026-04'),
  'GET /v1/units': plain(ALL, '/v1/units'),
  'POST /v1/units': plain(['admin'], '/v1/units', { id: 'market-bureau', name: '市场监管局', kind: 'department' }),
  'GET /v1/units/{id}': plain(ALL, '/v1/units/city-management'),
  'PATCH /v1/units/{id}': plain(['admin'], '/v1/units/city-management', { leaderName: '王局长' }),
  'POST /v1/units/{id}/webhook-secret': plain(['admin'], '/v1/units/city-management/webhook-secret'),
  'GET /v1/localities': plain(ALL, '/v1/localities'),
  'POST /v1/localities': plain(['admin'], '/v1/localities', { code: 'dingxiao', name: '顶效镇', parentCode: 'xingyi' }),
  'GET /v1/categories': plain(ALL, '/v1/categories'),
  'POST /v1/categories': plain(['admin'], '/v1/categories', { code: 'noise', name: '噪音扰民' }),
  'GET /v1/categories/{code}': plain(ALL, '/v1/categories/street-vending'),
  'PATCH /v1/categories/{code}': plain(['admin'], '/v1/categories/street-vending', { name: '占道经营' }),
  'POST /v1/reporters/{id}/erasure': { who: ['admin'], url: (ids) => `/v1/reporters/${ids.reporterB}/erasure` },
  'GET /v1/routing-rules': plain(ALL, '/v1/routing-rules'),
  'PUT /v1/routing-rules': plain(['admin'], '/v1/routing-rules', {
    rules: [{ id: 'r-village-disputes', category: 'neighbour-dispute', locality: 'qishe', lead: 'justice-bureau' }],
  }),
  'POST /v1/routing/explain': plain(ALL, '/v1/routing/explain', { category: 'street-vending', locality: 'xingtai' }),
  'GET /v1/tokens': plain(['admin'], '/v1/tokens'),
  'POST /v1/tokens': plain(['admin'], '/v1/tokens', { name: '对接系统', role: 'office' }),
  'DELETE /v1/tokens/{id}': { who: ['admin'], url: (ids) => `/v1/tokens/${ids.spareToken}` },
  // A login nobody has: whoever sends it, with or without a bearer, is answered 401 and nothing is stored.
  'POST /v1/sessions': plain('anyone', '/v1/sessions', { login: 'nobody.here', password: 'not a password 9' }),
  'DELETE /v1/sessions/current': plain('session', '/v1/sessions/current'),
  'GET /v1/accounts': plain(['admin'], '/v1/accounts'),
  'POST /v1/accounts': plain(['admin'], '/v1/accounts', {
    login: 'li.na',
    name: '李娜',
    role: 'office',
    password: 'horse battery staple 7',
  }),
  'GET /v1/accounts/{id}': { who: ['admin'], url: (ids) => `/v1/accounts/${ids.account}` },
  'PATCH /v1/accounts/{id}': {
    who: ['admin'],
    url: (ids) => `/v1/accounts/${ids.account}`,
    body: () => ({ name: '周某' }),
  },
  'GET /v1/audit/checkpoints': plain(['office', 'admin'], '/v1/audit/checkpoints'),
  'GET /v1/audit/checkpoints/{id}': plain(['office', 'admin'], '/v1/audit/checkpoints/1'),
  // Not yet in /openapi.json when this was written (docs/api.md v1.1); exercised once they are.
  'GET /v1/calendar/{year}': plain(ALL, '/v1/calendar/2026'),
  'PUT /v1/calendar/{year}': plain(['admin'], '/v1/calendar/2026', { holidays: [], workdays: [] }),
  'GET /v1/statistics': plain(['office', 'leader', 'unit'], '/v1/statistics?period=month'),
  'GET /v1/inbox': plain(ALL, '/v1/inbox'),
  'POST /v1/cases/{id}/instructions': {
    who: ['leader'],
    url: (ids) => `/v1/cases/${ids.caseA}/instructions`,
    body: () => ({ text: '限期办结' }),
  },
  'POST /v1/cases/{id}/instructions/{instructionId}/ack': onCaseA(['unit'], 'instructions/no-such/ack', {}),
  'POST /v1/cases/{id}/calendar': onCaseA(['office'], 'calendar', { reason: '节假日安排调整' }),
  'POST /v1/routing/what-if': plain(['office', 'admin'], '/v1/routing/what-if', { rules: [] }),
  'GET /v1/routing-rules/versions': plain(['office', 'admin'], '/v1/routing-rules/versions'),
  'GET /v1/routing-rules/versions/{version}': plain(['office', 'admin'], '/v1/routing-rules/versions/1'),
};

/** The entry for an operation as /openapi.json names it, e.g. `POST /v1/cases/{id}/accept`. */
export function expectationOf(key: string): RouteExpectation {
  const expectation = ROUTE_TABLE[key];
  if (!expectation) throw new Error(`${key} is in /openapi.json but not in test/api/adversarial/route-table.ts`);
  return expectation;
}
