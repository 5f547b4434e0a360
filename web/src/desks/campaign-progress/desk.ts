import type { Desk } from '../desk';

/** 走访进度: each campaign's visits against its targets, the visit import, the daily spot check. */
const campaignProgressDesk: Desk = {
  name: 'campaign-progress',
  path: 'campaign-progress',
  title: '走访进度',
  roles: ['office', 'leader', 'admin'],
  inMenu: true,
  order: 60,
  component: () => import('./CampaignProgressDesk.vue'),
};

export default campaignProgressDesk;
