import type { Desk } from '../desk';

/** 驾驶舱: escalations, overdue cases, this month's ranking and the 领导批示 — the leader's; the office may look. */
const cockpitDesk: Desk = {
  name: 'cockpit',
  path: 'cockpit',
  title: '驾驶舱',
  roles: ['leader', 'office'],
  inMenu: true,
  order: 45,
  component: () => import('./CockpitDesk.vue'),
};

export default cockpitDesk;
