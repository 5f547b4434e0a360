import type { Desk } from '../desk';

/**
 * 分诊与交办: the triage and dispatch queues and the batches. The office works here; leaders may read
 * it (the batches are theirs to read too, docs/api.md). Admins are left out: the API lets them read
 * the queues but not the batches, so the desk would be half empty for them.
 */
const triageDispatchDesk: Desk = {
  name: 'triage-dispatch',
  path: 'triage-dispatch',
  title: '分诊与交办',
  roles: ['office', 'leader'],
  inMenu: true,
  order: 10,
  component: () => import('./TriageDispatchDesk.vue'),
};

export default triageDispatchDesk;
