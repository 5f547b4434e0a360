import type { Role } from './enums';

/**
 * Who did something: recorded on every event, checked by every update validator. A person acting
 * through a session adds the account and its display name at the time (the step's 责任人), so a
 * later rename does not rewrite who signed; a service token's actor has neither, as before.
 */
export interface Actor {
  id: string;
  role: Role | 'system';
  unitId: string | null;
  accountId?: string;
  name?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'duban', role: 'system', unitId: null };

/** What an authenticated caller carries that the audit trail keeps. */
export interface ActingPrincipal {
  tokenId: string;
  role: Role;
  unitId: string | null;
  accountId?: string;
  name?: string;
}

/** The actor recorded for a caller: the one mapping from an authenticated principal to the audit trail. */
export const actorOf = (principal: ActingPrincipal): Actor => ({
  id: principal.tokenId,
  role: principal.role,
  unitId: principal.unitId,
  ...(principal.accountId ? { accountId: principal.accountId, name: principal.name ?? '' } : {}),
});
