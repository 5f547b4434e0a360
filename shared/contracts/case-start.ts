// The start of a case's workflow with the case as intake placed it (api/services/case-intake.ts):
// made by the API right after its intake transaction, and by the worker's sweeper for every start the
// API could not make (worker/case-start-sweeper.ts). Either may run it twice, or both at once.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { caseWorkflowId, type CaseWorkflowInput } from './case';
import { startSearchAttributes } from './search-attributes';
import { startWorkflow } from './workflow-starts';

/**
 * Starts the case's one run. A run of the case already running is kept (USE_EXISTING); one that has
 * finished is never started again (REJECT_DUPLICATE): a case that closed stays closed. Resolves in
 * both cases, since the case has its workflow either way; rejects when Temporal did not answer.
 */
export async function startPlacedCase(client: Pick<Client, 'workflow'>, taskQueue: string, input: CaseWorkflowInput) {
  if (!input.carried) throw new Error(`case ${input.caseId} has not been placed: intake stores it first`);
  try {
    await startWorkflow(client, 'caseWorkflow', {
      workflowId: caseWorkflowId(input.caseId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: startSearchAttributes(input.carried.state),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
