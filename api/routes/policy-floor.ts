import { isDuration, parseDuration } from '../../shared/durations';
import { HttpProblem } from '../plugins/problems';

// DUBAN_POLICY_MIN_DURATION: the shortest duration a category's policy may set. A policy of seconds
// would have every case of the category escalate, remind and notify the leadership at once — a
// flood an admin's typo could start. Drills and `npm start` set none and keep their second-long
// policies; a production deployment sets one (docs/limits.md).

/** The floor, parsed: its text for messages and its length. */
export interface PolicyFloor {
  text: string;
  ms: number;
}

export function policyFloorOf(text: string | undefined): PolicyFloor | null {
  return text && isDuration(text) ? { text, ms: parseDuration(text) } : null;
}

/** Refuses (422, naming each field's path) a policy with a duration below the floor. */
export function refusePolicyBelowFloor(policy: object | undefined, floor: PolicyFloor | null): void {
  if (!policy || !floor) return;
  const errors = Object.entries(policy)
    .filter(([, value]) => typeof value === 'string' && isDuration(value) && parseDuration(value) < floor.ms)
    .map(([field]) => ({ path: `body.policy.${field}`, message: `must be at least ${floor.text}` }));
  if (errors.length > 0) {
    throw new HttpProblem(422, 'Unprocessable Content', 'the category was not stored', { errors });
  }
}
