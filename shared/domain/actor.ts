import type { Role } from './enums';

/** Who did something: recorded on every event, checked by every update validator. */
export interface Actor {
  id: string;
  role: Role | 'system';
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'duban', role: 'system', unitId: null };

/** What an authenticated caller carries that the audit trail keeps. */
export interface ActingPrincipal {
  tokenId: string;
  role: Role;
  unitId: string | null;
}

/** The actor recorded for a caller: the one mapping from an authenticated principal to the audit trail. */
export const actorOf = (principal: ActingPrincipal): Actor => ({
  id: principal.tokenId,
  role: principal.role,
  unitId: principal.unitId,
});
