import { z } from 'zod';
import { campaignDateTimeChinese as beijing } from './campaign-clock';
import type { Role } from './enums';

// The inbox (待办, docs/inbox.md): what waits on the caller's desk and why. The kinds each desk sees,
// the windows that decide when an item appears, and the Chinese sentence that says why it is there.
// The queries behind each kind are in shared/db/inbox-queries.ts and inbox-unit-queries.ts.

export const INBOX_KINDS = [
  // the office (活动办)
  'triage',
  'returned',
  'extension_request',
  'awaiting_follow_up',
  'escalation',
  'spot_check_failed',
  'system_alert',
  // a unit (责任单位)
  'to_sign',
  'report_due',
  'rework',
  'due_soon',
  'overdue',
  'instruction',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * Each desk's kinds, in the order a clerk reads them. `instruction` (领导批示) waits on the lead unit
 * until it acknowledges the instruction. A visitor follows up the
 * resolutions of cases it reported; an admin runs the system and sees its operator alerts.
 */
export const DESK_KINDS: Record<Role, readonly InboxKind[]> = {
  office: [
    'triage',
    'returned',
    'extension_request',
    'awaiting_follow_up',
    'escalation',
    'spot_check_failed',
    'system_alert',
  ],
  unit: ['to_sign', 'report_due', 'rework', 'due_soon', 'overdue', 'instruction'],
  leader: ['escalation', 'overdue'],
  admin: ['system_alert'],
  visitor: ['awaiting_follow_up'],
};

const DAY_MS = 86_400_000;

/**
 * How far ahead a weekly report enters a unit's inbox, and a deadline under a policy that sets no
 * `warnBefore` (a policy that does warns by its own rule: the case's `dueSoon` flag).
 */
export const INBOX_WARNING_WINDOW_MS = 2 * DAY_MS;

/**
 * Nothing in duban marks an operator alert or a failed re-check of a visit as dealt with, so they stay
 * in the inbox this long after they happened rather than for ever.
 */
export const INBOX_RECENT_WINDOW_MS = 7 * DAY_MS;

/** The lowest escalation level each desk is shown: the office watches level 1 up, leaders level 2. */
export const ESCALATION_LEVEL_SHOWN = { office: 1, leader: 2 } as const;

/** One item as a query finds it, before its sentence is written. */
export interface InboxFinding {
  kind: InboxKind;
  caseId: string | null;
  title: string;
  since: Date;
  due: Date | null;
  /** The reason, note or body the sentence quotes, if any. */
  note: string | null;
  /** A second instant the sentence names (the extension's wished-for date). */
  until: Date | null;
  /** A number the sentence names (escalation level, reports missed). */
  count: number | null;
  /** A code that picks the sentence (why a case is in triage, who reworks it, …). */
  code: string | null;
}

const TRIAGE_REASONS: Record<string, string> = { no_route: '无匹配的交办规则' };
const REOPEN_REASONS: Record<string, string> = {
  follow_up_unsatisfied: '群众回访不满意',
  spot_check_failed: '抽查未通过',
};
const ESCALATION_REASONS: Record<string, string> = {
  accept_late: '逾期未签收',
  reports_missed: '连续未按期上报',
  overdue: '逾期未办结',
  by_hand: '活动办升级督办',
};
const LEVELS = ['', '一级督办', '二级督办'];

const quoted = (note: string | null) => (note ? `：${note}` : '');

/** Why the item waits on the caller, in Chinese, with Beijing times. */
export function inboxWhy(f: InboxFinding, now: number): string {
  const due = f.due ? beijing(f.due) : '';
  const late = f.due !== null && f.due.getTime() < now;
  switch (f.kind) {
    case 'triage':
      if (f.code === 'reopened') return `待分诊：重办（${REOPEN_REASONS[f.note ?? ''] ?? '重办'}）`;
      return `待分诊${quoted(TRIAGE_REASONS[f.code ?? ''] ?? null)}`;
    case 'returned':
      return `退回：${f.note ?? ''}${f.code ? `（${f.code}）` : ''}`;
    case 'extension_request':
      return `延期申请待审批：至 ${f.until ? beijing(f.until) : '未注明'}${f.note ? `，理由：${f.note}` : ''}`;
    case 'awaiting_follow_up':
      return `待回访：已办结待群众评价${f.due ? `，请于 ${due} 前回访` : ''}`;
    case 'escalation':
      return `${LEVELS[f.count ?? 1] ?? '督办'}${quoted(ESCALATION_REASONS[f.code ?? ''] ?? null)}`;
    case 'spot_check_failed':
      return `${f.code === 'visit' ? '走访' : ''}抽查未通过${quoted(f.note)}`;
    case 'system_alert':
      return f.note ?? '系统告警';
    case 'to_sign':
      return late ? `签收已超时：应于 ${due} 前签收` : `待签收：请于 ${due} 前签收`;
    case 'report_due':
      if ((f.count ?? 0) > 0) return `周报已漏报 ${f.count} 次：下次请于 ${due} 前上报`;
      return late ? `周报已逾期：应于 ${due} 前上报` : `周报待上报：请于 ${due} 前上报`;
    case 'rework':
      return `重办：${REOPEN_REASONS[f.code ?? ''] ?? '重办'}${quoted(f.note)}${f.due ? `，请于 ${due} 前办结` : ''}`;
    case 'due_soon':
      return late ? `已到办理期限：${due}` : `临期：请于 ${due} 前办结`;
    case 'overdue':
      return `已超期：办理期限 ${due}`;
    case 'instruction':
      return `领导批示待签收落实${quoted(f.note)}${f.due ? `，请于 ${due} 前办结` : ''}`;
  }
}

export const InboxQuerySchema = z.object({
  kind: z.enum(INBOX_KINDS).optional().describe('only items of this kind'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most this many items, oldest first'),
});

export const InboxItemSchema = z.object({
  kind: z.enum(INBOX_KINDS),
  caseId: z.string().optional(),
  title: z.string(),
  since: z.string().describe('when the item began to wait on the caller'),
  due: z.string().optional().describe('by when the caller should act, if there is a time'),
  why: z.string().describe('what waits and why, in Chinese, with Beijing times'),
});

export const InboxSchema = z.object({
  items: z.array(InboxItemSchema),
  counts: z
    .record(z.string(), z.number().int())
    .describe("how many items of each kind of the caller's desk wait, beyond `limit` too; 0 for none"),
});

export type InboxItem = z.infer<typeof InboxItemSchema>;
