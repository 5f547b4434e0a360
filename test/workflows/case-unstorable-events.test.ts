// Events PostgreSQL refuses for good (docs/workflows.md "Events PostgreSQL refuses"): the action is
// undone and refused with EVENTS_NOT_STORED, nothing of it is stored, the office is alerted, and the
// case goes on: later actions are applied and its clocks still fire. One case per error class.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptUpdate,
  caseStateQuery,
  contributeUpdate,
  dispatchUpdate,
  reportUpdate,
  type CaseState,
} from '../../shared/contracts/case';
import { CaseErrors } from '../../shared/contracts/case-errors';
import { LEAD, lead, OFFICE_UNIT, office, unit } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHandle, type CaseHarness } from './support/case-harness';
import { eventually } from './support/eventually';

// A co-handler the unit registry does not hold: the foreign key below refuses its contributions.
const UNREGISTERED = 'unit-not-in-registry';

describe('actions whose events PostgreSQL refuses', () => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await startCaseHarness('unstorable');
    // Read-model rules the workflow does not know about, as a later migration might add them: a
    // report's percentage lies in 0..100 and its unit is a registered one. NOT VALID: new rows only.
    await h.db.sql`
      ALTER TABLE case_reports ADD CONSTRAINT case_reports_percent_range
      CHECK (percent_done BETWEEN 0 AND 100) NOT VALID`;
    await h.db.sql`
      ALTER TABLE case_reports ADD CONSTRAINT case_reports_unit_registered
      FOREIGN KEY (unit_id) REFERENCES units (id) NOT VALID`;
    await h.db.sql`INSERT INTO units (id, name, kind) VALUES (${LEAD}, '城管局', 'department')`;
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A case its lead has signed for, co-handled by a unit the registry does not hold. */
  async function caseInProgress(): Promise<CaseHandle> {
    const { handle } = await h.report({
      routing: {
        lead: LEAD,
        coHandlers: [UNREGISTERED],
        ruleId: 'r-street',
        rulesVersion: 1,
        decidedBy: 'rule',
        candidates: [],
        explanation: [],
      },
    });
    await handle.executeUpdate(dispatchUpdate, {
      args: [{ actor: office, batchId: `b-${randomUUID()}`, batchNumber: 1 }],
    });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    return handle;
  }

  /** Runs the action, expects EVENTS_NOT_STORED naming `sqlstate`, and that the case did not move. */
  async function expectNotStored(handle: CaseHandle, action: () => Promise<unknown>, sqlstate: string) {
    const before: CaseState = await h.settled(handle);
    const eventsBefore = await h.events(handle.workflowId);

    const error: unknown = await action().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(CaseErrors.EVENTS_NOT_STORED);
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect((cause as ApplicationFailure).message).toContain(`(${sqlstate}`);
    expect((cause as ApplicationFailure).details).toEqual([{ status: before.status, seq: before.seq }]);

    expect(await handle.query(caseStateQuery)).toEqual(before);
    expect(await h.events(handle.workflowId)).toEqual(eventsBefore);
    const alerts = await eventually(
      () => h.notifications(handle.workflowId),
      (rows) => rows.some((row) => row.id.includes(':events-not-stored:')),
    );
    expect(alerts.filter((row) => row.id.includes(':events-not-stored:'))).toEqual([
      expect.objectContaining({ kind: 'notice', level: 0, recipientUnitIds: [OFFICE_UNIT] }),
    ]);
  }

  /** The case takes the lead's next report as if nothing had happened, and its clocks still run. */
  async function expectStillActionable(handle: CaseHandle) {
    const before = await h.settled(handle);
    const reported = await handle.executeUpdate(reportUpdate, {
      args: [{ actor: lead, progress: '本周正常推进', percentDone: 40 }],
    });
    expect(reported).toMatchObject({ status: 'in_progress', seq: before.seq + 1, missedReports: 0 });
    expect(typesOf(await h.events(handle.workflowId)).slice(-1)).toEqual(['report_submitted']);

    const later = await h.advance(handle, 8); // the next report was due in 7 days, grace 1 day
    expect(later.missedReports).toBe(1);
    expect(typesOf(await h.events(handle.workflowId)).slice(-2)).toEqual(['report_missed', 'reminder_sent']);
  }

  it('text that is not valid JSON for jsonb (a lone UTF-16 surrogate, 22P02)', async () => {
    const handle = await caseInProgress();
    const report = () => handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '已约谈\ud800' }] });
    await expectNotStored(handle, report, '22P02');
    await expectStillActionable(handle);
  });

  it('a character jsonb cannot hold (U+0000, 22P05)', async () => {
    const handle = await caseInProgress();
    const report = () => handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '已约谈\u0000' }] });
    await expectNotStored(handle, report, '22P05');
    await expectStillActionable(handle);
  });

  it('a not-null column left empty (23502)', async () => {
    const handle = await caseInProgress();
    const report = () =>
      handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: null as unknown as string }] });
    await expectNotStored(handle, report, '23502');
    await expectStillActionable(handle);
  });

  it('a check constraint of the read model (23514)', async () => {
    const handle = await caseInProgress();
    const report = () =>
      handle.executeUpdate(reportUpdate, { args: [{ actor: lead, progress: '已完成', percentDone: 150 }] });
    await expectNotStored(handle, report, '23514');
    await expectStillActionable(handle);
  });

  it('a foreign key of the read model (23503)', async () => {
    const handle = await caseInProgress();
    const contribute = () =>
      handle.executeUpdate(contributeUpdate, { args: [{ actor: unit(UNREGISTERED), progress: '配合宣传' }] });
    await expectNotStored(handle, contribute, '23503');
    await expectStillActionable(handle);
  });

  it('a report whose first write is refused (an unknown reporter, 23503) is refused and its run ends', async () => {
    const error: unknown = await h.report({ reporterId: randomUUID() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(CaseErrors.EVENTS_NOT_STORED);
    expect(cause.message).toContain('(23503');
  });
});
