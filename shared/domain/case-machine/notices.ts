// The wording of what the outbox delivers. The ladder's words follow docs/domain.md: a reminder (提醒)
// goes to the unit, a notice (通报) to its leader and the office, an escalation (升级督办) to leadership.
import type { CaseState } from '../../contracts/case';
import type { CaseEventData, RepinnedClock } from '../../contracts/case-events';
import { timeRef, unitRef, userText } from '../notice-text';
import type { NoticeDraft } from './state';

const lead = (state: CaseState): string => (state.lead === null ? '' : unitRef(state.lead));

const listOf = (units: Array<string | null>): string[] => [
  ...new Set(units.filter((unit): unit is string => unit !== null)),
];

export function assignmentNotice(state: CaseState, acceptDue: string): NoticeDraft {
  const co = state.coHandlers.length > 0 ? `，${state.coHandlers.map(unitRef).join('、')}协办` : '';
  return {
    kind: 'assignment',
    level: 0,
    recipientUnitIds: listOf([state.lead, ...state.coHandlers]),
    subject: `【交办】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）交由${lead(state)}主办${co}，请于 ${timeRef(acceptDue)} 前签收；不属于本单位职责的，请在期限内退回并说明理由。`,
  };
}

export function reworkNotice(state: CaseState, deadline: string): NoticeDraft {
  return {
    kind: 'assignment',
    level: 0,
    recipientUnitIds: listOf([state.lead]),
    subject: `【重办】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）回访不满意或抽查未通过，请${lead(state)}重新办理，于 ${timeRef(deadline)} 前办结，并每周上报进展。`,
  };
}

/**
 * What the office must act on (issue 14): a case returned to triage, an extension to decide, a
 * resolution to follow up with the resident. `office` is the office's unit, if the case knows it.
 */
export function returnedNotice(state: CaseState, office: string | null, unitId: string, reason: string): NoticeDraft {
  return {
    kind: 'notice',
    level: 0,
    recipientUnitIds: listOf([office]),
    subject: `【退回】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）被${unitRef(unitId)}退回，理由：${userText(reason)}。请重新分诊交办。`,
  };
}

export function extensionRequestedNotice(
  state: CaseState,
  office: string | null,
  request: { unitId: string; until: string; reason: string },
): NoticeDraft {
  return {
    kind: 'notice',
    level: 0,
    recipientUnitIds: listOf([office]),
    subject: `【延期申请】${userText(state.title)}`,
    body: `${unitRef(request.unitId)}申请将问题「${userText(state.title)}」（${state.id}）的办结期限延至 ${timeRef(request.until)}，理由：${userText(request.reason)}。请审批。`,
  };
}

export function awaitingFollowUpNotice(state: CaseState, office: string | null, followUpDue: string): NoticeDraft {
  return {
    kind: 'notice',
    level: 0,
    recipientUnitIds: listOf([office]),
    subject: `【待回访】${userText(state.title)}`,
    body: `${lead(state)}已办结问题「${userText(state.title)}」（${state.id}），请于 ${timeRef(followUpDue)} 前回访群众，满意的办结，不满意的重办。`,
  };
}

/** 临期预警 to the lead unit, `warnBefore` ahead of the resolution deadline. */
export function dueSoonNotice(state: CaseState, deadline: string): NoticeDraft {
  return {
    kind: 'reminder',
    level: 0,
    recipientUnitIds: listOf([state.lead]),
    subject: `【临期预警】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）将于 ${timeRef(deadline)} 到期，请${lead(state)}抓紧办理，按期办结；确需延期的，请在到期前提出延期申请。`,
  };
}

const REMINDER_TEXT: Record<CaseEventData['reminder_sent']['about'], (dueAt: string) => string> = {
  accept: (dueAt) => `签收期限 ${timeRef(dueAt)} 已过，请尽快签收，或退回并说明理由。`,
  report: (dueAt) => `应于 ${timeRef(dueAt)} 提交的一周一上报已逾宽限期，请尽快上报办理进展。`,
  follow_up: (dueAt) => `问题已办结，回访期限 ${timeRef(dueAt)} 已过，请尽快回访群众。`,
};

export function reminderNotice(
  state: CaseState,
  about: CaseEventData['reminder_sent']['about'],
  to: string | null,
  dueAt: string,
): NoticeDraft {
  return {
    kind: 'reminder',
    level: 0,
    recipientUnitIds: listOf([to]),
    subject: `【督办提醒】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）：${REMINDER_TEXT[about](dueAt)}`,
  };
}

const ESCALATION_TEXT: Record<CaseEventData['escalated']['reason'], (state: CaseState) => string> = {
  accept_late: (state) => `${lead(state)}逾期未签收。`,
  reports_missed: (state) => `${lead(state)}已连续 ${state.missedReports} 次未按时上报办理进展。`,
  overdue: (state) =>
    `${lead(state)}未在办结期限${state.deadline === null ? '' : ` ${timeRef(state.deadline)} `}前办结。`,
  by_hand: (state) => `活动办对${lead(state)}主办的问题直接升级督办。`,
};

/** Level 1 reaches the lead unit's leader (through the unit) and the office; level 2 adds leadership. */
export function escalationRecipients(
  state: CaseState,
  level: 1 | 2,
  contacts: { officeUnitId: string | null; leadershipUnitId: string | null },
): string[] {
  return level === 1
    ? listOf([state.lead, contacts.officeUnitId])
    : listOf([contacts.leadershipUnitId, contacts.officeUnitId, state.lead]);
}

export function escalationNotice(
  state: CaseState,
  level: 1 | 2,
  reason: CaseEventData['escalated']['reason'],
  recipients: string[],
  /** The office's words when it escalates by hand. */
  note?: string,
): NoticeDraft {
  return {
    kind: level === 1 ? 'notice' : 'escalation',
    level,
    recipientUnitIds: recipients,
    subject: `${level === 1 ? '【督办通报】' : '【升级督办】'}${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）：${ESCALATION_TEXT[reason](state)}${note ? `督办意见：${userText(note)}` : ''}`,
  };
}

/** 领导批示 to the lead unit and its co-handlers: the instruction, what it tightened, what to do. */
export function instructionNotice(
  state: CaseState,
  instruction: { text: string; deadline: string | null; reportEvery: string | null },
): NoticeDraft {
  const deadline = instruction.deadline === null ? '' : `办结期限提前至 ${timeRef(instruction.deadline)}；`;
  const report =
    instruction.reportEvery === null || state.nextReportDue === null
      ? ''
      : `请于 ${timeRef(state.nextReportDue)} 前上报办理进展；`;
  return {
    kind: 'notice',
    level: 0,
    recipientUnitIds: listOf([state.lead, ...state.coHandlers]),
    subject: `【领导批示】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）领导批示：${userText(instruction.text)}。${deadline}${report}请${lead(state) || '承办单位'}认真落实，并签收批示。`,
  };
}

const REPINNED_CLOCK_TEXT: Record<RepinnedClock, string> = {
  acceptDue: '签收期限',
  deadline: '办结期限',
  nextReportDue: '下次上报期限',
  dueSoonAt: '临期预警时间',
  followUpDue: '回访期限',
};

/**
 * The office re-pinned the calendar and the lead's dues moved (docs/calendar.md): each, from → to.
 * `fromVersion` is null for a case that counted on no calendar (weekends only).
 */
export function calendarRepinnedNotice(
  state: CaseState,
  versions: { fromVersion: number | null; toVersion: number },
  moved: ReadonlyArray<{ clock: RepinnedClock; from: string; to: string }>,
): NoticeDraft {
  const from = versions.fromVersion === null ? '未锁定日历' : `第 ${versions.fromVersion} 版`;
  const changes = moved
    .map(({ clock, from, to }) => `${REPINNED_CLOCK_TEXT[clock]}由 ${timeRef(from)} 调整为 ${timeRef(to)}`)
    .join('；');
  return {
    kind: 'notice',
    level: 0,
    recipientUnitIds: listOf([state.lead]),
    subject: `【期限调整】${userText(state.title)}`,
    body: `问题「${userText(state.title)}」（${state.id}）按调整后的工作日历（${from}改为第 ${versions.toVersion} 版）重新计算期限：${changes}。请${lead(state) || '承办单位'}按新期限办理。`,
  };
}
