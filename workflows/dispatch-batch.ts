// A dispatch batch (集中交办): number the batch, fix its list of queued cases once, and hand each
// case to its lead through the case's own `dispatch` update. Every step is idempotent per batch id
// (the workflow id), so a retried or restarted batch dispatches nothing twice and nothing new.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  DispatchBatch,
  DispatchBatchInput,
  DispatchOutcome,
  DispatchedCase,
  SkippedCase,
} from '../shared/contracts/dispatch';
import { DURABLE_RETRY } from './retry';

const { openDispatchBatch, sealDispatchBatch, dispatchCase } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: DURABLE_RETRY,
});

const DEFAULT_CONCURRENCY = 10;

export async function dispatchBatchWorkflow(input: DispatchBatchInput): Promise<DispatchBatch> {
  const batchId = workflowInfo().workflowId;
  const header = await openDispatchBatch({ batchId, requestedBy: input.requestedBy, at: new Date().toISOString() });
  // The list is fixed the first time it is asked for: a retry gets the same cases, never new ones.
  const claimed = await sealDispatchBatch({ batchId });

  const outcomes: DispatchOutcome[] = [];
  const concurrency = Math.max(1, input.concurrency ?? DEFAULT_CONCURRENCY);
  for (let start = 0; start < claimed.length; start += concurrency) {
    const slice = claimed.slice(start, start + concurrency);
    outcomes.push(
      ...(await Promise.all(
        slice.map(({ caseId }) =>
          dispatchCase({ batchId, batchNumber: header.number, caseId, actor: input.requestedBy }),
        ),
      )),
    );
  }

  const cases: DispatchedCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const outcome of outcomes) {
    if (outcome.outcome === 'dispatched') cases.push({ caseId: outcome.caseId, lead: outcome.lead });
    else skipped.push({ caseId: outcome.caseId, reason: outcome.reason });
  }
  return { ...header, cases, skipped };
}
