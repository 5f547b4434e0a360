// The logged-in principal, kept in sessionStorage: it survives a reload but not the closing of the
// tab, and is never shared with another tab (a clerk may work as two accounts side by side).

import { reactive, readonly } from 'vue';
import type { Account, Role } from '../api/types';

const STORAGE_KEY = 'duban.session';

export interface Principal {
  token: string;
  /** Who acts: a person's account, or what is known of a service token (its role, guessed below). */
  name: string;
  role: Role;
  unitId: string | null;
  /** A person's session (logout ends it on the server) or a pasted service token (forgotten locally). */
  kind: 'session' | 'token';
  expiresAt: string | null;
}

function restore(): Principal | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as Principal) : null;
  } catch {
    return null;
  }
}

const state = reactive<{ principal: Principal | null }>({ principal: restore() });

export const session = readonly(state);

export function currentToken(): string | null {
  return state.principal?.token ?? null;
}

export function signIn(principal: Principal): void {
  state.principal = principal;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(principal));
}

export function signOut(): void {
  state.principal = null;
  sessionStorage.removeItem(STORAGE_KEY);
}

export function principalOfSession(token: string, account: Account, expiresAt: string): Principal {
  return { token, name: account.name, role: account.role, unitId: account.unitId, kind: 'session', expiresAt };
}
