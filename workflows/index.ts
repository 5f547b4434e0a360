// The only module the worker bundles: every workflow type duban runs.
export { caseWorkflow } from './case-workflow';
export { dispatchBatchWorkflow } from './dispatch-batch';
export { dailySpotCheckWorkflow } from './daily-spot-check';
export { monthlySummaryWorkflow, weeklyBulletinWorkflow } from './bulletins';
export { deliverNotificationWorkflow } from './deliver-notification';
export { idempotencyPurgeWorkflow } from './idempotency-purge';
export { auditCheckpointWorkflow } from './audit-checkpoint';
