// The only module the worker bundles: every workflow type duban runs.
export { caseWorkflow } from './case-workflow';
export { dispatchBatchWorkflow } from './dispatch-batch';
export { deliverNotificationWorkflow } from './deliver-notification';
