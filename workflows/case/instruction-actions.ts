// 领导批示 (docs/case-actions.md): a leader's instruction on an open case, and the lead unit's
// acknowledgement. New in v1.1: no run recorded before it ever received these Updates, so they need
// no patch. An instruction may tighten the case once, when given: its deadline moves the case's
// deadline earlier, its `reportEvery` brings the next report due no later than now + that duration;
// later reports follow the policy's cadence again.
import { uuid4 } from '@temporalio/workflow';
import type { CaseState, Instruction } from '../../shared/contracts/case';
import { setAbsolutely } from '../../shared/domain/case-machine/clock-starts';
import { refuse } from '../../shared/domain/case-machine/refusals';
import { instructionNotice } from '../../shared/domain/case-machine/notices';
import { nowIso } from '../../shared/domain/case-machine/state';
import { clearDueSoon } from '../../shared/domain/case-machine/transitions';
import { parseDuration } from '../../shared/durations';
import type { ActionDefinition } from './actions';

const DAY_MS = 86_400_000;

/** The case's report cadence in milliseconds; n working days take at least n days. */
function cadenceMs(s: CaseState): number {
  const every = s.policy.reportEvery;
  return typeof every === 'string' ? parseDuration(every) : every.workingDays * DAY_MS;
}

const iso = (instant: string): string => new Date(instant).toISOString();

function openInstruction(s: CaseState, instructionId: string): Instruction {
  const instruction = (s.instructions ?? []).find((candidate) => candidate.instructionId === instructionId);
  if (!instruction) refuse(s, 'UNKNOWN_INSTRUCTION', `no instruction ${instructionId}`);
  if (instruction.acknowledgedAt !== null)
    refuse(
      s,
      'INSTRUCTION_ALREADY_ACKNOWLEDGED',
      `instruction ${instructionId} was acknowledged at ${instruction.acknowledgedAt}`,
    );
  return instruction;
}

export const instruct: ActionDefinition<'instruct'> = {
  guard: (s, { reportEvery, deadline }) => {
    if (reportEvery !== undefined && !(parseDuration(reportEvery) < cadenceMs(s)))
      refuse(s, 'INVALID_INPUT', 'reportEvery must be shorter than the case’s report cadence');
    if (deadline === undefined) return;
    if (s.deadline === null) refuse(s, 'INVALID_INPUT', 'the case has no deadline to tighten yet');
    const at = Date.parse(deadline);
    if (!(at < Date.parse(s.deadline) && at > Date.now()))
      refuse(s, 'INVALID_INPUT', `deadline must lie between now and ${s.deadline}`);
  },
  apply: (c, { actor, text, reportEvery, deadline }) => {
    const s = c.state;
    const instructionId = uuid4();
    const tightened = deadline === undefined ? null : iso(deadline);
    const instruction: Instruction = {
      instructionId,
      text,
      by: actor,
      at: nowIso(),
      reportEvery: reportEvery ?? null,
      deadline: tightened,
      acknowledgedAt: null,
    };
    s.instructions = [...(s.instructions ?? []), instruction];
    if (tightened !== null) {
      setAbsolutely(s, 'deadline', tightened);
      clearDueSoon(s);
    }
    if (reportEvery !== undefined && s.nextReportDue !== null) {
      const soonest = Date.now() + parseDuration(reportEvery);
      if (soonest < Date.parse(s.nextReportDue)) setAbsolutely(s, 'nextReportDue', new Date(soonest).toISOString());
    }
    c.journal.emit(
      'instruction_given',
      actor,
      { instructionId, text, reportEvery: instruction.reportEvery, deadline: tightened },
      instructionNotice(s, instruction),
    );
  },
};

export const acknowledgeInstruction: ActionDefinition<'acknowledgeInstruction'> = {
  guard: (s, { instructionId }) => void openInstruction(s, instructionId),
  apply: (c, { actor, instructionId }) => {
    openInstruction(c.state, instructionId).acknowledgedAt = nowIso();
    c.journal.emit('instruction_acknowledged', actor, { instructionId });
  },
};
