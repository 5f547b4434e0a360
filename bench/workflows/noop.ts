// The baseline of bench/intake.ts and bench/surge.ts: a workflow that does nothing, bundled and run
// by a worker of its own (bench/support/noop-worker-entry.ts), never by duban's (workflows/index.ts).
import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';

export interface NoopInput {
  /** Stay open this long (a timer, like a case waiting for its unit) so that updates can reach it. */
  holdOpenMs?: number;
}

/** Answers at once with how many updates the run has had. */
export const noopUpdate = defineUpdate<number>('benchNoop');

export async function benchNoopWorkflow(input: NoopInput = {}): Promise<number> {
  let updates = 0;
  setHandler(noopUpdate, () => ++updates);
  if (input.holdOpenMs) await condition(() => false, input.holdOpenMs);
  await condition(allHandlersFinished);
  return updates;
}
