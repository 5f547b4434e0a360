import type { Desk } from '../desk';

/**
 * 统计与通报: the statistics of a week or month, the fair ranking, charts, and the weekly bulletin /
 * monthly summary. Units see their own figures (the API scopes them); admins are not offered it, since
 * GET /v1/statistics answers them 403 (docs/statistics.md).
 */
const statisticsDesk: Desk = {
  name: 'statistics',
  path: 'statistics',
  title: '统计与通报',
  roles: ['office', 'leader', 'unit'],
  inMenu: true,
  order: 50,
  component: () => import('./StatisticsDesk.vue'),
};

export default statisticsDesk;
