import type { Desk } from '../desk';

/** 走访登记: the visitor's phone form for a visit and its problems, kept on the device until sent. */
const fieldDesk: Desk = {
  name: 'field',
  path: 'field',
  title: '走访登记',
  roles: ['visitor'],
  inMenu: true,
  order: 10,
  component: () => import('./FieldDesk.vue'),
};

export default fieldDesk;
