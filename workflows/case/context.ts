import type { CaseMachine } from '../../shared/domain/case-machine/state';
import type { Journal } from './journal';

/** A case inside its workflow: the shared state machine, writing through the durable journal. */
export type CaseContext = CaseMachine<Journal>;
