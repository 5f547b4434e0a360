// The inbox's kinds in Chinese (docs/inbox.md "Each desk"), and the tag colour of each.

export const INBOX_KIND_LABELS: Record<string, string> = {
  triage: '待分诊',
  returned: '退回待处理',
  extension_request: '延期待审批',
  awaiting_follow_up: '待回访',
  escalation: '督办',
  spot_check_failed: '抽查未通过',
  system_alert: '系统告警',
  to_sign: '待签收',
  report_due: '待上报周报',
  rework: '重办',
  due_soon: '临期',
  overdue: '已超期',
  instruction: '领导批示',
};

const URGENT = new Set(['overdue', 'escalation', 'system_alert', 'spot_check_failed']);

export const kindTagType = (kind: string): 'danger' | 'warning' | 'primary' =>
  URGENT.has(kind) ? 'danger' : kind === 'due_soon' || kind === 'report_due' ? 'warning' : 'primary';
