// The routes that take a JSON body, each with bodies the published schema calls valid and that hold
// every string field the route documents: the text-integrity test poisons them one field at a time,
// and fails when a route or a text field appears in /openapi.json without appearing here.
import type { Role } from '../../shared/domain/enums';

export interface TextRoute {
  who: Role;
  method: 'POST' | 'PUT' | 'PATCH';
  /** As /openapi.json names it, e.g. `/v1/cases/{id}/close`. */
  path: string;
  url: string;
  body: Record<string, unknown>;
}

const caseId = 'case-00000000-0000-4000-8000-000000000000';
const visitId = '5eb002fa-3b78-44b5-8fd2-a9beefee9396';
const onCase = (action: string) => ({ path: `/v1/cases/{id}/${action}`, url: `/v1/cases/${caseId}/${action}` });

const policy = {
  acceptWithin: 'P1D',
  reportEvery: 'P7D',
  reportGrace: 'P1D',
  resolveWithin: 'P30D',
  followUpWithin: 'P7D',
  reworkWithin: 'P7D',
  warnBefore: 'P2D',
  noticeAfterMissed: 2,
  leadershipAfterMissed: 3,
};

const reported = {
  kind: 'suggestion',
  category: 'street-vending',
  title: '夜市占道',
  description: '夜市摊位占用人行道',
  locality: 'xingtai',
  priority: 'normal',
  reporter: { name: '李某', phone: '13800001234' },
};

const unit = {
  name: '综合行政执法局',
  kind: 'department',
  parentId: 'office',
  webhookUrl: 'https://hooks.example/duban',
  leaderName: '王局长',
  leaderContact: '0859-1234567',
};

/** `campaignId`: a campaign that exists, so that a visit body would be stored but for its text. */
export function textRoutes(campaignId: string): TextRoute[] {
  const note = '已核实';
  return [
    {
      who: 'visitor',
      method: 'POST',
      path: '/v1/cases',
      url: '/v1/cases',
      body: { ...reported, visitId, resolvedOnSpot: { measures: '当场劝离' } },
    },
    { who: 'unit', method: 'POST', ...onCase('accept'), body: {} },
    { who: 'office', method: 'POST', path: '/v1/dispatches', url: '/v1/dispatches', body: {} },
    { who: 'unit', method: 'POST', ...onCase('return'), body: { reason: '不属本单位职责' } },
    {
      who: 'unit',
      method: 'POST',
      ...onCase('reports'),
      body: { progress: '已约谈摊主', measures: '划定摆摊区域', percentDone: 50, blockers: '夜间执法力量不足' },
    },
    {
      who: 'unit',
      method: 'POST',
      ...onCase('extension-requests'),
      body: { until: '2026-12-01T00:00:00+08:00', reason: '需协调多部门' },
    },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/cases/{id}/extension-requests/{requestId}/decision',
      url: `/v1/cases/${caseId}/extension-requests/ext-1/decision`,
      body: { approve: true, note },
    },
    { who: 'unit', method: 'POST', ...onCase('resolve'), body: { measures: '划定摆摊区域', outcome: '占道已清理' } },
    { who: 'office', method: 'POST', ...onCase('follow-up'), body: { satisfied: true, note } },
    {
      who: 'office',
      method: 'POST',
      ...onCase('assign'),
      body: { lead: 'city-management', coHandlers: ['justice-bureau'], note },
    },
    { who: 'office', method: 'POST', ...onCase('escalate'), body: { level: 1, note } },
    {
      who: 'leader',
      method: 'POST',
      ...onCase('instructions'),
      body: { text: '限期办结', reportEvery: 'P1D', deadline: '2026-12-01T00:00:00+08:00' },
    },
    {
      who: 'unit',
      method: 'POST',
      path: '/v1/cases/{id}/instructions/{instructionId}/ack',
      url: `/v1/cases/${caseId}/instructions/ins-1/ack`,
      body: {},
    },
    { who: 'office', method: 'POST', ...onCase('calendar'), body: { reason: '节假日安排调整' } },
    { who: 'office', method: 'POST', ...onCase('close'), body: { reason: 'duplicate', duplicateOf: caseId, note } },
    { who: 'office', method: 'POST', ...onCase('close'), body: { reason: 'withdrawn', note } },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/campaigns',
      url: '/v1/campaigns',
      body: {
        name: '大走访',
        startsOn: '2026-03-01',
        endsOn: '2026-04-30',
        targets: [{ unitId: 'city-management', targetType: 'school', count: 3 }],
      },
    },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/visits',
      url: '/v1/visits',
      body: {
        campaignId,
        targetType: 'school',
        targetName: '兴义一中',
        locality: 'xingtai',
        unitId: 'city-management',
        visitedAt: '2026-03-02',
        notes: '走访座谈',
        cases: [{ ...reported, resolvedOnSpot: { measures: '当场劝离' } }],
      },
    },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/spot-checks/{id}/result',
      url: `/v1/spot-checks/${visitId}/result`,
      body: { passed: true, note },
    },
    { who: 'admin', method: 'POST', path: '/v1/units', url: '/v1/units', body: { id: 'market-bureau', ...unit } },
    { who: 'admin', method: 'PATCH', path: '/v1/units/{id}', url: '/v1/units/city-management', body: unit },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/units/{id}/webhook-secret',
      url: '/v1/units/city-management/webhook-secret',
      body: {},
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/reporters/{id}/erasure',
      url: '/v1/reporters/5eb002fa-3b78-44b5-8fd2-a9beefee9396/erasure',
      body: {},
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/localities',
      url: '/v1/localities',
      body: { code: 'dingxiao', name: '顶效镇', parentCode: 'xingyi', governingUnitId: 'xingtai-street' },
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/categories',
      url: '/v1/categories',
      body: {
        code: 'noise',
        name: '噪音扰民',
        businessOwnerUnitId: 'city-management',
        defaultKind: 'problem_clue',
        policy,
      },
    },
    {
      who: 'admin',
      method: 'PATCH',
      path: '/v1/categories/{code}',
      url: '/v1/categories/street-vending',
      body: { name: '占道经营', businessOwnerUnitId: 'city-management', defaultKind: 'problem_clue', policy },
    },
    {
      who: 'admin',
      method: 'PUT',
      path: '/v1/routing-rules',
      url: '/v1/routing-rules',
      body: {
        rules: [
          {
            id: 'r-vending',
            category: 'street-vending',
            locality: 'xingtai',
            kind: 'suggestion',
            lead: 'city-management',
            coHandlers: ['locality'],
          },
        ],
      },
    },
    {
      who: 'admin',
      method: 'PUT',
      path: '/v1/routing-rules',
      url: '/v1/routing-rules',
      body: {
        rules: [{ id: 'r-vending', category: 'street-vending', lead: 'city-management' }],
        previewId: '5eb002fa-3b78-44b5-8fd2-a9beefee9396',
      },
    },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/routing/what-if',
      url: '/v1/routing/what-if',
      body: {
        rules: [
          {
            id: 'r-vending',
            category: 'street-vending',
            locality: 'xingtai',
            kind: 'suggestion',
            lead: 'locality',
            coHandlers: ['business_owner'],
          },
        ],
        filter: {
          status: ['queued', 'in_progress'],
          category: ['street-vending'],
          locality: 'xingtai',
          kind: ['suggestion'],
          reportedFrom: '2026-03-01',
          reportedTo: '2026-03-31T23:59:59+08:00',
        },
      },
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/routing/what-if',
      url: '/v1/routing/what-if',
      // The filter's lists may also be one comma-separated string, as in the ledger's query string.
      body: {
        rules: [],
        filter: { status: 'queued,assigned', category: 'street-vending', kind: 'suggestion' },
      },
    },
    {
      who: 'office',
      method: 'POST',
      path: '/v1/routing/explain',
      url: '/v1/routing/explain',
      body: { category: 'street-vending', locality: 'xingtai', kind: 'suggestion', priority: 'high' },
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/tokens',
      url: '/v1/tokens',
      body: { name: '执法局', role: 'unit', unitId: 'city-management', expiresAt: '2030-01-01T00:00:00+08:00' },
    },
    { who: 'admin', method: 'POST', path: '/v1/tokens', url: '/v1/tokens', body: { name: '活动办', role: 'office' } },
    {
      who: 'visitor',
      method: 'POST',
      path: '/v1/sessions',
      url: '/v1/sessions',
      body: { login: 'li.na', password: 'horse battery 7' },
    },
    {
      who: 'admin',
      method: 'POST',
      path: '/v1/accounts',
      url: '/v1/accounts',
      body: { login: 'li.na', name: '李娜', role: 'unit', unitId: 'city-management', password: 'horse battery 7' },
    },
    {
      who: 'admin',
      method: 'PATCH',
      path: '/v1/accounts/{id}',
      url: '/v1/accounts/00000000-0000-4000-8000-000000000000',
      body: { name: '李娜', role: 'unit', unitId: 'city-management', active: true, password: 'horse battery 7' },
    },
    {
      who: 'admin',
      method: 'PUT',
      path: '/v1/calendar/{year}',
      url: '/v1/calendar/2027',
      body: { holidays: ['2027-01-01'], workdays: ['2027-02-06'] },
    },
  ];
}
