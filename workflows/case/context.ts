import type { CaseMachine } from '../../shared/domain/case-machine/state';
import type { AppliedUpdates } from './applied-updates';
import type { Journal } from './journal';

/**
 * A case inside its workflow: the shared state machine, writing through the durable journal, and
 * the actions it applied that a retry must not apply again.
 */
export type CaseContext = CaseMachine<Journal> & { applied: AppliedUpdates };
