// How long a run lives and what an action's answer waits for (docs/workflows.md "The journal",
// "Search attributes, long life"): a run continues as new when its history grows long or it grows
// old, whatever its journal count; an action answers once its events are stored, before its notices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptUpdate, dispatchUpdate, reportUpdate } from '../../shared/contracts/case';
import { MAX_RUN_AGE } from '../../workflows/case/run-limits';
import { DAY, lead, office } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHarness } from './support/case-harness';
import { eventually } from './support/eventually';

describe('run limits and the journal', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('run-limits');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('a case nobody touches for the run age limit continues as new, its state and events unchanged', async () => {
    const routing = { lead: null, coHandlers: [], ruleId: null, rulesVersion: 1, candidates: [], explanation: [] };
    const { handle, state } = await h.report({ routing: { ...routing, decidedBy: 'triage' } });
    expect(state.status).toBe('triage');
    const firstRunId = (await handle.describe()).runId;

    const later = await h.advance(handle, MAX_RUN_AGE / DAY + 1);
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(later).toEqual(state);
    expect(typesOf(await h.events(handle.workflowId))).toEqual(['reported', 'triaged']);
  });

  it('a run whose history passes its length limit continues as new, far below its journal count', async () => {
    const { handle } = await h.report({ options: { continueAsNewAfterHistoryEvents: 40 } });
    const firstRunId = (await handle.describe()).runId;
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-long', batchNumber: 1 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    for (let week = 1; week <= 8; week++) {
      await handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: `第${week}次进展` }] });
    }
    const state = await h.settled(handle);
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(state).toMatchObject({ status: 'in_progress', seq: 12 });
    const events = await h.events(handle.workflowId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('an action answers once its events are stored, while its notice still waits for the outbox', async () => {
    const { handle } = await h.report();
    // The outbox cannot take a row while this transaction holds the table: the notice must wait.
    const answered = await h.db.sql.begin(async (tx) => {
      await tx`LOCK TABLE notifications IN EXCLUSIVE MODE`;
      const state = await handle.executeUpdate(dispatchUpdate, {
        args: [{ actor: office, batchId: 'batch-fast', batchNumber: 2 }],
      });
      const stored = typesOf(await h.events(handle.workflowId));
      return { state, stored, notices: await h.notifications(handle.workflowId) };
    });
    expect(answered.state.status).toBe('assigned');
    expect(answered.stored).toEqual(['reported', 'queued', 'dispatched']);
    expect(answered.notices).toEqual([]);

    // Released, the notice arrives: deliveries run on their own and lose nothing.
    const notices = await eventually(
      () => h.notifications(handle.workflowId),
      (rows) => rows.length === 1,
    );
    expect(notices).toEqual([expect.objectContaining({ id: `${handle.workflowId}:3`, kind: 'assignment' })]);
  });
});
