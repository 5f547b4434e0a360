import type { Desk } from '../desk';

/** 案件详情: reached from the inbox (and later the ledger), not from the menu. */
const caseDetailDesk: Desk = {
  name: 'case',
  path: 'cases/:id',
  title: '案件详情',
  roles: ['admin', 'office', 'leader', 'unit', 'visitor'],
  inMenu: false,
  order: 100,
  component: () => import('./CaseDetailDesk.vue'),
};

export default caseDetailDesk;
