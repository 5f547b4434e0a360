import type { Role } from './enums';

/** Who did something: recorded on every event, checked by every update validator. */
export interface Actor {
  id: string;
  role: Role | 'system';
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'duban', role: 'system', unitId: null };
