// The two ways in: a person's login and password (POST /v1/sessions, docs/accounts.md), or a pasted
// service token (a demo or machine token, `npm run token`), checked by reading its inbox with it.
import { ApiError, request } from '../api/client';
import { forgetReferenceData } from '../api/reference';
import type { Inbox, SessionAnswer } from '../api/types';
import { principalOfSession, session, signIn, signOut } from '../session/session';
import { forgetInbox } from './inbox-store';
import { ROLE_LABELS, roleFromInboxCounts } from './roles';

/** A wrong pair is said plainly here: on the login page a 401 is not an ended session. */
function loginRefusal(error: ApiError, sentence: string): ApiError {
  if (error.status !== 401) return error;
  return new ApiError(401, sentence, error.problem, {}, null);
}

export async function logInWithPassword(login: string, password: string): Promise<void> {
  try {
    const answer = await request<SessionAnswer>('POST', '/v1/sessions', {
      body: { login, password },
      token: null,
      quietOn401: true,
    });
    signIn(principalOfSession(answer.token, answer.account, answer.expiresAt));
  } catch (caught) {
    throw caught instanceof ApiError ? loginRefusal(caught, '账号或密码不正确，请重新输入') : caught;
  }
}

export async function logInWithToken(token: string): Promise<void> {
  try {
    const inbox = await request<Inbox>('GET', '/v1/inbox?limit=1', { token, quietOn401: true });
    const role = roleFromInboxCounts(inbox.counts);
    signIn({ token, name: `服务令牌（${ROLE_LABELS[role]}）`, role, unitId: null, kind: 'token', expiresAt: null });
  } catch (caught) {
    throw caught instanceof ApiError ? loginRefusal(caught, '令牌无效、已过期或已被吊销') : caught;
  }
}

/** Ends a person's session on the server too; a token is only forgotten here (an admin revokes it). */
export async function logOut(): Promise<void> {
  if (session.principal?.kind === 'session') {
    await request('DELETE', '/v1/sessions/current', { quietOn401: true }).catch(() => undefined);
  }
  signOut();
  forgetInbox();
  forgetReferenceData();
}
