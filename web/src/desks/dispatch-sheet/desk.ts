import type { Desk } from '../desk';

/**
 * 交办单: one dispatch batch as a printable page, opened from 分诊与交办 or from a case's 交办 entry in
 * its timeline. Its own folder only because the registry takes one desk per folder; the page lives with
 * its desk in ../triage-dispatch/. The office and leaders read every unit's list of a batch
 * (`GET /v1/dispatches/{id}`); a unit reads its own list only, the cases the batch handed it to lead.
 */
const dispatchSheetDesk: Desk = {
  name: 'dispatch-sheet',
  path: 'dispatches/:id',
  title: '交办单',
  roles: ['office', 'leader', 'unit'],
  inMenu: false,
  order: 110,
  component: () => import('../triage-dispatch/DispatchSheetPage.vue'),
};

export default dispatchSheetDesk;
