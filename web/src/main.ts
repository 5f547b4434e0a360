// The console's entry: the app, its router, and what a 401 from any call does (back to the login
// page, the session forgotten, the page the user was on kept for after the login).
import { createApp } from 'vue';
import App from './App.vue';
import { whenUnauthorized } from './api/client';
import { forgetReferenceData } from './api/reference';
import { router } from './router';
import { signOut } from './session/session';
import { forgetInbox } from './shell/inbox-store';
import './styles.css';

whenUnauthorized(() => {
  signOut();
  forgetInbox();
  forgetReferenceData();
  const here = router.currentRoute.value;
  if (here.name !== 'login') void router.replace({ name: 'login', query: { redirect: here.fullPath } });
});

createApp(App).use(router).mount('#app');
