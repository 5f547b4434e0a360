// A report is answered once PostgreSQL holds it; its workflow starts just after the answer
// (docs/intake.md). A test that talks to the case's workflow directly waits for it to exist first.
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { vi } from 'vitest';

/** The case's workflow once it has started (within seconds of the report's answer). */
export function startedCaseRun(client: Client, caseId: string): Promise<WorkflowExecutionDescription> {
  return vi.waitFor(
    async () => {
      try {
        return await client.workflow.getHandle(caseId).describe();
      } catch (error) {
        // Not started yet: asked again. Anything else is the test's failure.
        if (error instanceof WorkflowNotFoundError) throw new Error(`the workflow of ${caseId} has not started`);
        throw error;
      }
    },
    { timeout: 15_000, interval: 100 },
  );
}
