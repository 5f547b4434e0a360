// The periodic audit checkpoint (duban-audit-checkpoint, worker/schedules.ts): one signed root over
// every case's chain head, so a history rewritten in the database afterwards no longer matches a
// signature the database could not make (docs/audit.md).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AuditCheckpointResult } from '../activities/audit';
import { DURABLE_RETRY } from './retry';

const { makeAuditCheckpoint } = proxyActivities<Activities>({
  // One read of every head and one insert; minutes only on a very large trail.
  startToCloseTimeout: '10 minutes',
  retry: DURABLE_RETRY,
});

export async function auditCheckpointWorkflow(): Promise<AuditCheckpointResult> {
  return makeAuditCheckpoint();
}
