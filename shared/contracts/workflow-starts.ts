// Every start of a duban workflow, from the API, an activity or a schedule, goes through here: by the name
// the worker registers it under (workflows/index.ts), typed by that workflow's own signature, so a renamed
// workflow or a changed input or result fails `tsc` at each caller rather than at run time.
//
// The workflows are imported as types only, erased at build: nothing here loads workflow code, so the API
// and the activities, which must not import workflows/, may import this (eslint.config.mjs allows this one
// file its type-only import).
import { WithStartWorkflowOperation, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type * as registered from '../../workflows';

/** The workflows the worker registers, by name. */
export type DubanWorkflows = typeof registered;
export type DubanWorkflowName = keyof DubanWorkflows;

type Starter = Pick<Client, 'workflow'>;

/** Starts a workflow and answers its handle. */
export const startWorkflow = <N extends DubanWorkflowName>(
  client: Starter,
  name: N,
  options: WorkflowStartOptions<DubanWorkflows[N]>,
) => client.workflow.start<DubanWorkflows[N]>(name, options);

/** Starts a workflow and waits for its result. */
export const executeWorkflow = <N extends DubanWorkflowName>(
  client: Starter,
  name: N,
  options: WorkflowStartOptions<DubanWorkflows[N]>,
) => client.workflow.execute<DubanWorkflows[N]>(name, options);

/** The start half of an update-with-start (`client.workflow.executeUpdateWithStart`). */
export const withStartOperation = <N extends DubanWorkflowName>(
  name: N,
  options: ConstructorParameters<typeof WithStartWorkflowOperation<DubanWorkflows[N]>>[1],
) => new WithStartWorkflowOperation<DubanWorkflows[N]>(name, options);

/** What a Temporal Schedule starts: a workflow by name, with arguments that fit its signature. */
export type ScheduledStart = {
  [N in DubanWorkflowName]: { workflowType: N; args: Parameters<DubanWorkflows[N]> };
}[DubanWorkflowName];
