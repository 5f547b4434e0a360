import type { Desk } from '../desk';

/**
 * 整改台账: the ledger with its filters and exports. The office and leaders see every case; a unit the
 * cases it leads or co-handles (the API scopes every row and every export). Admins and visitors are
 * not offered it: the exports are refused to them (docs/api.md).
 */
const ledgerDesk: Desk = {
  name: 'ledger',
  path: 'ledger',
  title: '整改台账',
  roles: ['office', 'leader', 'unit'],
  inMenu: true,
  order: 20,
  component: () => import('./LedgerDesk.vue'),
};

export default ledgerDesk;
