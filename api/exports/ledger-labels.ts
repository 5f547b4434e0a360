import type { CaseKind, CaseStatus, CloseReason, Role } from '../../shared/domain/enums';

// The words the ledger (整改台账) is printed with: column headings and the Chinese for every code.

export const KIND_LABELS: Record<CaseKind, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '群众困难',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  triage: '待分办',
  queued: '待交办',
  assigned: '已交办待签收',
  in_progress: '办理中',
  verifying: '已办结待回访',
  closed: '已办结',
};

const CLOSED_LABELS: Record<CloseReason, string> = {
  on_spot: '已办结（当场解决）',
  resolved: '已办结',
  duplicate: '已关闭（重复问题）',
  withdrawn: '已关闭（已撤回）',
  not_actionable: '已关闭（不予受理）',
};

export function statusLabel(status: CaseStatus, closeReason: CloseReason | null): string {
  return status === 'closed' && closeReason ? CLOSED_LABELS[closeReason] : STATUS_LABELS[status];
}

export const ESCALATION_LABELS: Record<number, string> = { 0: '无', 1: '一级督办', 2: '二级督办' };

/** 问题来源: where the problem came from (a visit, a visitor, the office) and what kind it is. */
export function sourceLabel(kind: CaseKind, reportedByRole: Role | 'system', fromVisit: boolean): string {
  const channel =
    fromVisit || reportedByRole === 'visitor' ? '大走访' : reportedByRole === 'office' ? '活动办' : '其他';
  return `${channel}·${KIND_LABELS[kind]}`;
}

export const REPORTER_ERASED = '（已删除）';

/** The fifteen columns of the ledger, in order, with the widths a printed sheet needs. */
export const LEDGER_COLUMNS = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'source', header: '问题来源', width: 16 },
  { key: 'reporter', header: '反映人', width: 14 },
  { key: 'description', header: '问题描述', width: 48 },
  { key: 'category', header: '类别', width: 14 },
  { key: 'locality', header: '属地', width: 22 },
  { key: 'lead', header: '责任单位', width: 20 },
  { key: 'coHandlers', header: '协办单位', width: 24 },
  { key: 'assignedOn', header: '交办日期', width: 12 },
  { key: 'deadlineOn', header: '整改时限', width: 12 },
  { key: 'measures', header: '整改措施', width: 36 },
  { key: 'progress', header: '进展情况', width: 36 },
  { key: 'status', header: '办理状态', width: 16 },
  { key: 'overdue', header: '是否超期', width: 10 },
  { key: 'level', header: '督办级别', width: 10 },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

/** One printed ledger line: 序号 a number, every other cell text. */
export type LedgerExportRow = { no: number } & Record<Exclude<LedgerColumnKey, 'no'>, string>;
