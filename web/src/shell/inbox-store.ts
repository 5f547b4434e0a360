// The caller's inbox, read once and shared: the menu's counts and the 工作台 desk draw from the same
// answer, and an action anywhere refreshes both.
import { reactive } from 'vue';
import { ApiError, get } from '../api/client';
import type { Inbox } from '../api/types';

export const inbox = reactive<{ answer: Inbox | null; error: ApiError | null; loading: boolean }>({
  answer: null,
  error: null,
  loading: false,
});

export async function refreshInbox(): Promise<void> {
  inbox.loading = true;
  try {
    inbox.answer = await get<Inbox>('/v1/inbox?limit=500');
    inbox.error = null;
  } catch (caught) {
    if (!(caught instanceof ApiError)) throw caught;
    inbox.error = caught;
  } finally {
    inbox.loading = false;
  }
}

export function forgetInbox(): void {
  inbox.answer = null;
  inbox.error = null;
}

export const inboxTotal = (): number =>
  Object.values(inbox.answer?.counts ?? {}).reduce((sum, count) => sum + count, 0);
