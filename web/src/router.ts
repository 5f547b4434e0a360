// Routes: the login page, and every desk of the registry inside the layout. History mode: the API
// answers index.html for a deep link (api/plugins/console.ts). A desk the role may not open, or any
// page without a session, goes to the inbox or the login page.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { DESKS } from './desks/registry';
import { session } from './session/session';
import ConsoleLayout from './shell/ConsoleLayout.vue';
import LoginPage from './shell/LoginPage.vue';

const deskRoutes: RouteRecordRaw[] = DESKS.map((desk) => ({
  name: desk.name,
  path: desk.path,
  component: desk.component,
  meta: { title: desk.title, roles: desk.roles },
}));

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { name: 'login', path: '/login', component: LoginPage, meta: { title: '登录', public: true } },
    { path: '/', component: ConsoleLayout, redirect: '/inbox', children: deskRoutes },
    { path: '/:unknown(.*)*', redirect: '/inbox' },
  ],
});

router.beforeEach((to) => {
  if (to.meta.public) return true;
  const principal = session.principal;
  if (!principal) return { name: 'login', query: { redirect: to.fullPath } };
  const roles = to.meta.roles as readonly string[] | undefined;
  if (roles && !roles.includes(principal.role)) return { name: 'inbox' };
  return true;
});

router.afterEach((to) => {
  document.title = `${typeof to.meta.title === 'string' ? to.meta.title : ''} · 督办工作台`;
});
