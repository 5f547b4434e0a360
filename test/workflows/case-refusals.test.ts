// Refused actions: the wrong unit, the wrong role, the wrong state. Each answers its named error with
// the case's current status, and leaves no trace: no event, no history entry, no change of state.
// On the real dev server: only a server that validates updates in a speculative workflow task leaves
// history untouched (the time-skipping server records that task), and no long timer matters here.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptUpdate,
  assignUpdate,
  caseStateQuery,
  closeUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  dispatchUpdate,
  followUpUpdate,
  reopenUpdate,
  reportUpdate,
  requestExtensionUpdate,
  resolveUpdate,
  returnUpdate,
  type CaseState,
} from '../../shared/contracts/case';
import { CaseErrors, type CaseErrorType } from '../../shared/contracts/case-errors';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import { DAY, coHandler, lead, leader, office, unit, visitor } from './support/case-fixtures';
import { startCaseHarness, type CaseHandle, type CaseHarness } from './support/case-harness';

describe('refused case actions', () => {
  let h: CaseHarness;
  let queued: CaseHandle;
  let assigned: CaseHandle;
  let inProgress: CaseHandle;
  let verifying: CaseHandle;

  beforeAll(async () => {
    h = await startCaseHarness('refusals', 'dev-server');
    const policy = { ...DEFAULT_POLICY, resolveWithin: 'P10D', reportEvery: 'P30D', version: 1 };
    queued = (await h.report({ policy })).handle;
    assigned = (await h.report({ policy })).handle;
    await assigned.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-a', batchNumber: 1 }] });
    inProgress = (await h.report({ policy })).handle;
    await inProgress.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-a', batchNumber: 1 }] });
    await inProgress.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    verifying = (await h.report({ policy })).handle;
    await verifying.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-a', batchNumber: 1 }] });
    await verifying.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    await verifying.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: '已整改', outcome: '已办结' }] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Runs the refused action and checks its error, then that neither history nor events moved. */
  async function expectRefused(handle: CaseHandle, action: () => Promise<unknown>, type: CaseErrorType) {
    const before = await h.settled(handle);
    const historyBefore = (await handle.fetchHistory()).events?.length;
    const eventsBefore = (await h.events(handle.workflowId)).length;

    const error: unknown = await action().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(CaseErrors[type]);
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect((cause as ApplicationFailure).details).toEqual([{ status: before.status, seq: before.seq }]);

    const after: CaseState = await handle.query(caseStateQuery);
    expect(after).toEqual(before);
    expect((await handle.fetchHistory()).events?.length).toBe(historyBefore);
    expect((await h.events(handle.workflowId)).length).toBe(eventsBefore);
  }

  describe('the wrong unit', () => {
    it('only the lead unit may accept (NOT_LEAD_UNIT), not another unit nor a co-handler', async () => {
      await expectRefused(
        assigned,
        () => assigned.executeUpdate(acceptUpdate, { args: [{ actor: unit('justice-bureau') }] }),
        'NOT_LEAD_UNIT',
      );
      await expectRefused(
        assigned,
        () => assigned.executeUpdate(acceptUpdate, { args: [{ actor: coHandler }] }),
        'NOT_LEAD_UNIT',
      );
    });

    it("only the lead's weekly report counts: another unit's report is NOT_LEAD_UNIT", async () => {
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(reportUpdate, { args: [{ actor: coHandler, progress: '协办进展' }] }),
        'NOT_LEAD_UNIT',
      );
    });

    it('only co-handlers contribute (NOT_CO_HANDLER)', async () => {
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(contributeUpdate, { args: [{ actor: lead, progress: '主办进展' }] }),
        'NOT_CO_HANDLER',
      );
    });

    it('a visitor follows up only a case from its own report (NOT_OWN_REPORT)', async () => {
      const stranger = { ...visitor, id: 'token-another-visitor' };
      await expectRefused(
        verifying,
        () => verifying.executeUpdate(followUpUpdate, { args: [{ actor: stranger, satisfied: true }] }),
        'NOT_OWN_REPORT',
      );
    });
  });

  describe('the wrong role', () => {
    it('a leader may not accept, and a unit may not assign, close or decide an extension (ROLE_NOT_ALLOWED)', async () => {
      await expectRefused(
        assigned,
        () => assigned.executeUpdate(acceptUpdate, { args: [{ actor: leader }] }),
        'ROLE_NOT_ALLOWED',
      );
      await expectRefused(
        assigned,
        () => assigned.executeUpdate(assignUpdate, { args: [{ actor: lead, lead: 'justice-bureau' }] }),
        'ROLE_NOT_ALLOWED',
      );
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(closeUpdate, { args: [{ actor: lead, reason: 'withdrawn' }] }),
        'ROLE_NOT_ALLOWED',
      );
      await expectRefused(
        inProgress,
        () =>
          inProgress.executeUpdate(decideExtensionUpdate, { args: [{ actor: lead, requestId: 'x', approve: true }] }),
        'ROLE_NOT_ALLOWED',
      );
    });

    it('a unit may not dispatch, and a visitor may not reopen (ROLE_NOT_ALLOWED)', async () => {
      await expectRefused(
        queued,
        () => queued.executeUpdate(dispatchUpdate, { args: [{ actor: lead, batchId: 'b', batchNumber: 1 }] }),
        'ROLE_NOT_ALLOWED',
      );
      await expectRefused(
        verifying,
        () => verifying.executeUpdate(reopenUpdate, { args: [{ actor: visitor, reason: 'spot_check_failed' }] }),
        'ROLE_NOT_ALLOWED',
      );
    });
  });

  describe('the wrong state', () => {
    it('a queued case cannot be accepted, reported on or resolved yet (INVALID_STATE, status queued)', async () => {
      await expectRefused(
        queued,
        () => queued.executeUpdate(acceptUpdate, { args: [{ actor: lead }] }),
        'INVALID_STATE',
      );
      await expectRefused(
        queued,
        () => queued.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '进展' }] }),
        'INVALID_STATE',
      );
      await expectRefused(
        queued,
        () => queued.executeUpdate(resolveUpdate, { args: [{ actor: lead, measures: 'm', outcome: 'o' }] }),
        'INVALID_STATE',
      );
    });

    it('an accepted case cannot be returned or accepted twice; a case not resolved cannot be followed up', async () => {
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(returnUpdate, { args: [{ actor: lead, reason: '太难' }] }),
        'INVALID_STATE',
      );
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(acceptUpdate, { args: [{ actor: lead }] }),
        'INVALID_STATE',
      );
      await expectRefused(
        inProgress,
        () => inProgress.executeUpdate(followUpUpdate, { args: [{ actor: office, satisfied: true }] }),
        'INVALID_STATE',
      );
    });

    it('a case dispatched by one batch is not dispatched by another (ALREADY_DISPATCHED)', async () => {
      await expectRefused(
        assigned,
        () => assigned.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-b', batchNumber: 2 }] }),
        'ALREADY_DISPATCHED',
      );
    });

    it('a decision on an unknown extension request is UNKNOWN_EXTENSION_REQUEST', async () => {
      await expectRefused(
        inProgress,
        () =>
          inProgress.executeUpdate(decideExtensionUpdate, {
            args: [{ actor: office, requestId: 'no-such-request', approve: true }],
          }),
        'UNKNOWN_EXTENSION_REQUEST',
      );
    });

    it('an extension is requested before the deadline, never after (EXTENSION_NOT_BEFORE_DEADLINE)', async () => {
      const policy = { ...DEFAULT_POLICY, resolveWithin: 'PT1S', reportEvery: 'P30D', version: 1 };
      const { handle } = await h.report({ policy });
      await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-late', batchNumber: 3 }] });
      const accepted = await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await h.settled(handle)).toMatchObject({ overdue: true });
      const until = new Date(Date.parse(accepted.deadline!) + 10 * DAY).toISOString();
      await expectRefused(
        handle,
        () => handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: lead, until, reason: '来不及' }] }),
        'EXTENSION_NOT_BEFORE_DEADLINE',
      );
    });

    it('a closed case refuses every action but the spot check (INVALID_STATE, status closed)', async () => {
      const { handle } = await h.report({ resolvedOnSpot: { measures: '当场解答' } });
      await expectRefused(
        handle,
        () => handle.executeUpdate(closeUpdate, { args: [{ actor: office, reason: 'withdrawn' }] }),
        'INVALID_STATE',
      );
      await expectRefused(
        handle,
        () => handle.executeUpdate(assignUpdate, { args: [{ actor: office, lead: 'justice-bureau' }] }),
        'INVALID_STATE',
      );
      const reopened = await handle.executeUpdate(reopenUpdate, {
        args: [{ actor: office, reason: 'spot_check_failed' }],
      });
      expect(reopened).toMatchObject({ status: 'triage', closeReason: null, lead: null });
    });
  });
});
