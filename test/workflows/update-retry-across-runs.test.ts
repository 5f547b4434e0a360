// A case action retried with its Idempotency-Key sends the same Update id again (docs/api-notes.md).
// Temporal dedupes an Update id within one run only; the case remembers the ids it applied across
// continue-as-new (workflows/case/applied-updates.ts), so a retry that straddles it is answered, not
// applied again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptUpdate, dispatchUpdate, reportUpdate, requestExtensionUpdate } from '../../shared/contracts/case';
import { lead, office } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHarness } from './support/case-harness';

describe('an action retried after the case continued as new', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('update-retry');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('is answered and not applied again; another action still is', async () => {
    // Five events, then the run continues as new: the weekly report is the fifth.
    const { handle } = await h.report({ options: { continueAsNewAfterEvents: 5 } });
    const firstRun = (await handle.describe()).runId;
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-retry', batchNumber: 1 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    const first = await handle.executeUpdate(reportUpdate, {
      args: [{ actor: lead, progress: '第一周进展' }],
      updateId: 'weekly-1',
    });
    await expect.poll(async () => (await handle.describe()).runId, { timeout: 20_000 }).not.toBe(firstRun);

    const retried = await handle.executeUpdate(reportUpdate, {
      args: [{ actor: lead, progress: '第一周进展' }],
      updateId: 'weekly-1',
    });
    expect(retried.seq).toBe(first.seq);
    await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '第二周进展' }], updateId: 'weekly-2' });

    const events = await h.events(handle.workflowId);
    expect(typesOf(events)).toEqual([
      'reported',
      'queued',
      'dispatched',
      'accepted',
      'report_submitted',
      'report_submitted',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ progress: '第二周进展' });
  }, 60_000);

  it('answers a retried extension request with the id it was first given', async () => {
    const { handle } = await h.report({ options: { continueAsNewAfterEvents: 5 } });
    const firstRun = (await handle.describe()).runId;
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-retry-2', batchNumber: 2 }] });
    const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    const until = new Date(Date.parse(accepted.deadline!) + 7 * 86_400_000).toISOString();
    const ask = () =>
      handle.executeUpdate(requestExtensionUpdate, {
        args: [{ actor: lead, until, reason: '需协调多部门' }],
        updateId: 'extension-1',
      });
    const first = await ask();
    await expect.poll(async () => (await handle.describe()).runId, { timeout: 20_000 }).not.toBe(firstRun);

    const retried = await ask();
    expect(retried.requestId).toBe(first.requestId);
    const events = await h.events(handle.workflowId);
    expect(typesOf(events).filter((type) => type === 'extension_requested')).toHaveLength(1);
  }, 60_000);
});
