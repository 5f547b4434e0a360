// The dispatch batch (集中交办) against the real dev server and PostgreSQL: every queued case is handed
// to its lead once, in one numbered batch, and a retried batch dispatches nothing new.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStateQuery } from '../../shared/contracts/case';
import { dispatchBatchWorkflowId, type DispatchBatch } from '../../shared/contracts/dispatch';
import type { dispatchBatchWorkflow } from '../../workflows/dispatch-batch';
import { LEAD, office, NO_ROUTE } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHarness } from './support/case-harness';

describe('dispatch batch', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('dispatch', 'dev-server');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const runBatch = (batchId: string): Promise<DispatchBatch> =>
    h.client.workflow.execute<typeof dispatchBatchWorkflow>('dispatchBatchWorkflow', {
      workflowId: dispatchBatchWorkflowId(batchId),
      taskQueue: h.taskQueue,
      args: [{ requestedBy: office }],
    });

  const dispatchedEvents = async (caseId: string) =>
    (await h.events(caseId)).filter((event) => event.type === 'dispatched');

  it('dispatches every queued case once; the same batch run again dispatches nothing new', async () => {
    const first = await h.report();
    const second = await h.report({ routing: { ...first.state.routing, lead: 'justice-bureau', coHandlers: [] } });
    const triaged = await h.report({ routing: NO_ROUTE });
    const urgent = await h.report({ priority: 'urgent' });
    expect([first.state.status, second.state.status, triaged.state.status, urgent.state.status]).toEqual([
      'queued',
      'queued',
      'triage',
      'assigned',
    ]);

    const batchId = `dispatch-${randomUUID()}`;
    const batch = await runBatch(batchId);
    expect(batch.id).toBe(batchId);
    expect(batch.number).toBeGreaterThan(0);
    expect(batch.skipped).toEqual([]);
    expect(batch.cases).toEqual(
      expect.arrayContaining([
        { caseId: first.handle.workflowId, lead: LEAD },
        { caseId: second.handle.workflowId, lead: 'justice-bureau' },
      ]),
    );
    expect(batch.cases).toHaveLength(2);
    for (const { handle } of [first, second]) {
      expect(await handle.query(caseStateQuery)).toMatchObject({
        status: 'assigned',
        dispatch: { batchId, batchNumber: batch.number },
      });
      expect(await dispatchedEvents(handle.workflowId)).toHaveLength(1);
    }
    expect((await triaged.handle.query(caseStateQuery)).status).toBe('triage');

    // A case queued after the batch belongs to the next batch, not to a retry of this one.
    const late = await h.report();
    const retried = await runBatch(batchId);
    expect(retried).toEqual(batch);
    for (const { handle } of [first, second]) {
      expect(await dispatchedEvents(handle.workflowId)).toHaveLength(1);
      expect(typesOf(await h.events(handle.workflowId))).toEqual(['reported', 'queued', 'dispatched']);
    }
    expect((await late.handle.query(caseStateQuery)).status).toBe('queued');

    const next = await runBatch(`dispatch-${randomUUID()}`);
    expect(next.number).toBe(batch.number + 1);
    expect(next.cases).toEqual([{ caseId: late.handle.workflowId, lead: LEAD }]);

    const rows = await h.db.sql<{ caseId: string; outcome: string }[]>`
      SELECT case_id AS "caseId", outcome FROM dispatch_batch_cases WHERE batch_id = ${batchId} ORDER BY case_id`;
    expect(rows).toEqual(
      [first.handle.workflowId, second.handle.workflowId].sort().map((caseId) => ({ caseId, outcome: 'dispatched' })),
    );
  });
});
