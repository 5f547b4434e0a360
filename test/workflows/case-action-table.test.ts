// The workflow's Update validators agree with the case-action table: every action, by every kind of
// caller, on a case in every status. Where the table refuses, the validator refuses with the same
// error; where it allows, the action goes through (on a fresh case in that status, so the walk does
// not disturb itself). On the time-skipping server, like the other workflow tests.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTION_UPDATES, caseStateQuery, type CaseActionArgs, type CaseState } from '../../shared/contracts/case';
import type { Actor } from '../../shared/domain/actor';
import { CASE_ACTIONS, whenRefusal, whoRefusal, type CaseAction } from '../../shared/domain/case-rules';
import { caseFactsOf } from '../../workflows/case/guards';
import { DAY, coHandler, lead, leader, office, unit, visitor, NO_ROUTE } from './support/case-fixtures';
import { startCaseHarness, type CaseHandle, type CaseHarness } from './support/case-harness';

const ACTORS: Record<string, Actor> = {
  office,
  leader,
  admin: { id: 'token-admin', role: 'admin', unitId: null },
  reporter: visitor,
  otherVisitor: { id: 'token-visitor-2', role: 'visitor', unitId: null },
  lead,
  coHandler,
  otherUnit: unit('justice-bureau'),
  system: { id: 'duban', role: 'system', unitId: null },
};

type Fixture = (h: CaseHarness) => Promise<CaseHandle>;
const run = async <A extends CaseAction>(handle: CaseHandle, action: A, args: CaseActionArgs[A]) =>
  handle.executeUpdate(CASE_ACTION_UPDATES[action] as never, { args: [args] as never });

const queued: Fixture = async (h) => (await h.report()).handle;
const assigned: Fixture = async (h) => {
  const handle = await queued(h);
  await run(handle, 'dispatch', { actor: office, batchId: 'fixture-batch', batchNumber: 1 });
  return handle;
};
const inProgress: Fixture = async (h) => {
  const handle = await assigned(h);
  await run(handle, 'accept', { actor: lead });
  return handle;
};
const verifying: Fixture = async (h) => {
  const handle = await inProgress(h);
  await run(handle, 'resolve', { actor: lead, measures: '已整改', outcome: '已办结' });
  return handle;
};

/** A case in each status the table distinguishes, including the conditions beyond status. */
const FIXTURES: Record<string, Fixture> = {
  triage: async (h) => (await h.report({ routing: NO_ROUTE })).handle,
  queued,
  assigned,
  inProgress,
  inProgressWithPendingExtension: async (h) => {
    const handle = await inProgress(h);
    const state = await handle.query(caseStateQuery);
    const until = new Date(Date.parse(state.deadline!) + 10 * DAY).toISOString();
    await run(handle, 'requestExtension', { actor: lead, until, reason: '需协调资金' });
    return handle;
  },
  inProgressAtLeadership: async (h) => {
    const handle = await inProgress(h);
    await run(handle, 'escalate', { actor: office, level: 2, note: '群众反映强烈' });
    return handle;
  },
  verifying,
  closedResolved: async (h) => {
    const handle = await verifying(h);
    await run(handle, 'followUp', { actor: visitor, satisfied: true });
    return handle;
  },
  closedOnSpot: async (h) => (await h.report({ resolvedOnSpot: { measures: '当场解答' } })).handle,
  closedWithdrawn: async (h) => {
    const handle = await queued(h);
    await run(handle, 'close', { actor: office, reason: 'withdrawn' });
    return handle;
  },
};

/** A valid input for each action on the case as it is: only the caller and the case may make it fail. */
function inputFor<A extends CaseAction>(action: A, actor: Actor, s: CaseState): CaseActionArgs[A] {
  const pending = s.extensions.find((request) => request.status === 'pending');
  const openInstruction = (s.instructions ?? []).find((instruction) => instruction.acknowledgedAt === null);
  const until = new Date(Date.parse(s.deadline ?? s.reportedAt) + 10 * DAY).toISOString();
  const inputs: { [K in CaseAction]: Omit<CaseActionArgs[K], 'actor'> } = {
    accept: {},
    return: { reason: '不属于本单位职责' },
    report: { progress: '已约谈商户' },
    contribute: { progress: '协助核实' },
    requestExtension: { until, reason: '需协调资金' },
    decideExtension: { requestId: pending?.requestId ?? 'no-such-request', approve: true },
    resolve: { measures: '已整改', outcome: '已办结' },
    followUp: { satisfied: true },
    assign: { lead: 'justice-bureau' },
    close: { reason: 'withdrawn' },
    escalate: { level: 2, note: '群众反映强烈' },
    dispatch: { batchId: 'walk-batch', batchNumber: 9 },
    reopen: { reason: 'spot_check_failed' },
    instruct: { text: '限期办结，每周报告进展' },
    acknowledgeInstruction: { instructionId: openInstruction?.instructionId ?? 'no-such-instruction' },
    // No fixture's policy counts working days: the table refuses every re-pin before its calendar matters.
    repinCalendar: { calendar: { version: 99, years: {} }, reason: '节假日安排调整' },
  };
  return { actor, ...inputs[action] } as CaseActionArgs[A];
}

/**
 * The table's answer, plus what only the action can know: a decision needs a pending request (an
 * acknowledgement an open instruction), and a
 * case dispatched by one batch tells another batch so rather than naming its status.
 */
function expectedRefusal(action: CaseAction, actor: Actor, s: CaseState, now: number): string | null {
  const facts = caseFactsOf(s);
  const who = whoRefusal(action, actor, facts);
  if (who) return who.type;
  if (action === 'dispatch' && s.dispatch !== null) return 'ALREADY_DISPATCHED';
  const when = whenRefusal(action, facts, now);
  if (when) return when.type;
  if (action === 'decideExtension' && facts.pendingExtensionId === null) return 'UNKNOWN_EXTENSION_REQUEST';
  // No fixture carries an instruction: an acknowledgement names none the case knows.
  if (action === 'acknowledgeInstruction' && !(s.instructions ?? []).some((i) => i.acknowledgedAt === null))
    return 'UNKNOWN_INSTRUCTION';
  return null;
}

describe('the workflow agrees with the case-action table', () => {
  let h: CaseHarness;
  const cases: Record<string, CaseHandle> = {};

  beforeAll(async () => {
    h = await startCaseHarness('action-table');
    for (const [name, make] of Object.entries(FIXTURES)) cases[name] = await make(h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  for (const fixture of Object.keys(FIXTURES)) {
    it(`on a case ${fixture}: every action by every caller is refused exactly as the table says`, async () => {
      const handle = cases[fixture]!;
      const before = await h.settled(handle);
      const completed = (await handle.describe()).status.name === 'COMPLETED';
      let allowedCount = 0;
      for (const action of CASE_ACTIONS) {
        for (const [who, actor] of Object.entries(ACTORS)) {
          const now = await h.now();
          const expected = expectedRefusal(action, actor, before, now);
          if (expected === null) {
            // Allowed: take it on a fresh case in the same status, and it goes through.
            allowedCount += 1;
            const fresh = await FIXTURES[fixture]!(h);
            const state = await fresh.query(caseStateQuery);
            await expect(
              run(fresh, action, inputFor(action, actor, state)),
              `${action} by ${who}`,
            ).resolves.toBeTruthy();
            continue;
          }
          const error = await run(handle, action, inputFor(action, actor, before)).then(
            () => null,
            (e: unknown) => e,
          );
          if (completed) {
            // A case closed for good has no workflow left to ask: nothing can reach it (the API says 409).
            expect(error, `${action} by ${who} on ${fixture}`).toBeInstanceOf(WorkflowNotFoundError);
            continue;
          }
          expect(error, `${action} by ${who} on ${fixture}`).toBeInstanceOf(WorkflowUpdateFailedError);
          const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
          expect(cause.type, `${action} by ${who} on ${fixture}`).toBe(expected);
        }
      }
      // Nothing refused moved the case.
      expect(await handle.query(caseStateQuery)).toEqual(before);
      expect(allowedCount > 0 || completed).toBe(true);
    });
  }
});
