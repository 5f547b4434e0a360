// 领导批示 on the time-skipping server: a leader's instruction tightens the case's deadline and report
// cadence, reaches the lead unit and its co-handler as a notice, and is acknowledged once by the lead.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_ACTION_UPDATES,
  acceptUpdate,
  caseStateQuery,
  dispatchUpdate,
  type CaseActionArgs,
} from '../../shared/contracts/case';
import { DEFAULT_POLICY } from '../../shared/domain/policy';
import { CO_HANDLER, DAY, LEAD, coHandler, lead, leader, office } from './support/case-fixtures';
import { startCaseHarness, typesOf, type CaseHandle, type CaseHarness } from './support/case-harness';

const refusalOf = (error: unknown): string | null | undefined =>
  error instanceof WorkflowUpdateFailedError ? (error.cause as ApplicationFailure).type : undefined;

describe('leaders’ instructions in the case workflow', () => {
  let h: CaseHarness;
  let handle: CaseHandle;

  const instruct = (args: CaseActionArgs['instruct']) =>
    handle.executeUpdate(CASE_ACTION_UPDATES.instruct, { args: [args] });
  const acknowledge = (args: CaseActionArgs['acknowledgeInstruction']) =>
    handle.executeUpdate(CASE_ACTION_UPDATES.acknowledgeInstruction, { args: [args] });

  beforeAll(async () => {
    h = await startCaseHarness('instructions');
    const policy = { ...DEFAULT_POLICY, resolveWithin: 'P30D', reportEvery: 'P7D', version: 1 };
    handle = (await h.report({ policy })).handle;
    await handle.executeUpdate(dispatchUpdate, { args: [{ actor: office, batchId: 'batch-i', batchNumber: 1 }] });
    await handle.executeUpdate(acceptUpdate, { args: [{ actor: lead }] });
    await h.advance(handle, 2);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses an instruction from anyone but a leader, and one that would loosen the case', async () => {
    const before = await h.settled(handle);
    for (const actor of [office, lead, coHandler])
      expect(refusalOf(await instruct({ actor, text: '抓紧办理' }).catch((e: unknown) => e))).toBe('ROLE_NOT_ALLOWED');
    const later = new Date(Date.parse(before.deadline!) + DAY).toISOString();
    expect(refusalOf(await instruct({ actor: leader, text: '放宽', deadline: later }).catch((e: unknown) => e))).toBe(
      'INVALID_INPUT',
    );
    expect(
      refusalOf(await instruct({ actor: leader, text: '放宽', reportEvery: 'P8D' }).catch((e: unknown) => e)),
    ).toBe('INVALID_INPUT');
    expect(await handle.query(caseStateQuery)).toEqual(before);
  });

  it('moves the deadline and the next report earlier, and tells the lead and its co-handler', async () => {
    const before = await h.settled(handle);
    const now = await h.now();
    const deadline = new Date(now + 10 * DAY).toISOString();
    const after = await instruct({ actor: leader, text: '十日内办结，每日报告', reportEvery: 'P1D', deadline });
    expect(after.deadline).toBe(deadline);
    expect(Date.parse(after.deadline!)).toBeLessThan(Date.parse(before.deadline!));
    expect(Date.parse(after.nextReportDue!)).toBeLessThanOrEqual(now + DAY + 60_000);
    expect(after.instructions).toEqual([
      expect.objectContaining({ text: '十日内办结，每日报告', reportEvery: 'P1D', deadline, acknowledgedAt: null }),
    ]);

    const settled = await h.settled(handle);
    const events = await h.events(handle.workflowId);
    const given = events.find((event) => event.type === 'instruction_given')!;
    expect(given).toMatchObject({ actor: { role: 'leader' }, data: { text: '十日内办结，每日报告', deadline } });
    const [notice] = await h.db.sql<Array<{ subject: string; body: string; recipients: string[] }>>`
      SELECT subject, body, recipient_unit_ids AS recipients FROM notifications
      WHERE case_id = ${handle.workflowId} AND subject LIKE '【领导批示】%'`;
    expect(notice?.recipients.sort()).toEqual([CO_HANDLER, LEAD].sort());
    expect(notice?.body).toContain('十日内办结，每日报告');
    expect(notice?.body).toContain('办结期限提前至');
    const [row] = await h.db.sql<Array<{ acknowledgedAt: Date | null }>>`
      SELECT acknowledged_at AS "acknowledgedAt" FROM case_instructions
      WHERE case_id = ${handle.workflowId} AND instruction_id = ${settled.instructions![0]!.instructionId}`;
    expect(row).toEqual({ acknowledgedAt: null });
  });

  it('is acknowledged by the lead once: not by its co-handler, not twice', async () => {
    const { instructionId } = (await h.settled(handle)).instructions![0]!;
    expect(refusalOf(await acknowledge({ actor: coHandler, instructionId }).catch((e: unknown) => e))).toBe(
      'NOT_LEAD_UNIT',
    );
    expect(refusalOf(await acknowledge({ actor: lead, instructionId: 'no-such' }).catch((e: unknown) => e))).toBe(
      'UNKNOWN_INSTRUCTION',
    );
    const after = await acknowledge({ actor: lead, instructionId });
    expect(after.instructions![0]!.acknowledgedAt).not.toBeNull();
    expect(refusalOf(await acknowledge({ actor: lead, instructionId }).catch((e: unknown) => e))).toBe(
      'INSTRUCTION_ALREADY_ACKNOWLEDGED',
    );
    await h.settled(handle);
    expect(typesOf(await h.events(handle.workflowId)).slice(-2)).toEqual([
      'instruction_given',
      'instruction_acknowledged',
    ]);
    const [row] = await h.db.sql<Array<{ acknowledgedAt: Date | null }>>`
      SELECT acknowledged_at AS "acknowledgedAt" FROM case_instructions WHERE case_id = ${handle.workflowId}`;
    expect(row?.acknowledgedAt).toBeInstanceOf(Date);
  });

  it('lets the case fall overdue at the instruction’s deadline, not the policy’s', async () => {
    const { deadline } = (await h.settled(handle)).instructions![0]!;
    await h.advance(handle, 11);
    const overdue = (await h.events(handle.workflowId)).find((event) => event.type === 'overdue');
    expect(overdue?.data).toEqual({ deadline });
    expect(Date.parse(overdue!.at)).toBeGreaterThanOrEqual(Date.parse(deadline!));
  });
});
