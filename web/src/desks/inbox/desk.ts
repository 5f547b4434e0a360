import type { Desk } from '../desk';

/** 工作台: what waits on the caller's desk (GET /v1/inbox), for every role. */
const inboxDesk: Desk = {
  name: 'inbox',
  path: 'inbox',
  title: '工作台',
  roles: ['admin', 'office', 'leader', 'unit', 'visitor'],
  inMenu: true,
  order: 0,
  countsKinds: 'all',
  component: () => import('./InboxDesk.vue'),
};

export default inboxDesk;
