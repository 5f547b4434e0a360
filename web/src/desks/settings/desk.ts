import type { Desk } from '../desk';

/**
 * 设置: accounts, units, localities, categories and their policies, routing rules, the calendar. Admins
 * write; the office may read most of it (the API decides every call, and a 403 is said in Chinese).
 */
const settingsDesk: Desk = {
  name: 'settings',
  path: 'settings',
  title: '设置',
  roles: ['admin', 'office'],
  inMenu: true,
  order: 90,
  component: () => import('./SettingsDesk.vue'),
};

export default settingsDesk;
