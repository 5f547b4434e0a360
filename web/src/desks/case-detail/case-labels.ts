// Chinese names of the API's codes (docs/domain.md, docs/api.md). Labels only: which actions exist for
// a case comes from its `allowedActions`, never from here.

export const STATUS_LABELS: Record<string, string> = {
  triage: '待分诊',
  queued: '待交办',
  assigned: '待签收',
  in_progress: '办理中',
  verifying: '待回访',
  closed: '已办结',
};

export const KIND_LABELS: Record<string, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '困难诉求',
};

export const PRIORITY_LABELS: Record<string, string> = { normal: '一般', high: '较急', urgent: '紧急' };

export const CLOSE_REASON_LABELS: Record<string, string> = {
  on_spot: '现场办结',
  resolved: '办结',
  duplicate: '重复件',
  withdrawn: '群众撤回',
  not_actionable: '无法办理',
};

export const DECIDED_BY_LABELS: Record<string, string> = {
  rule: '按交办规则',
  business_owner_default: '按业务主管单位',
  locality_default: '按属地',
  triage: '无匹配规则，转人工分诊',
};

export const EVENT_LABELS: Record<string, string> = {
  reported: '上报',
  triaged: '转入分诊',
  queued: '待集中交办',
  dispatched: '集中交办',
  assigned: '交办',
  accepted: '签收',
  returned: '退回',
  report_submitted: '周报上报',
  contribution_added: '协办进展',
  report_missed: '周报漏报',
  reminder_sent: '催办提醒',
  escalated: '升级督办',
  overdue: '超期',
  due_soon: '临期预警',
  extension_requested: '申请延期',
  extension_decided: '延期审批',
  resolved: '办结',
  followed_up: '回访',
  reopened: '重办',
  closed: '关闭',
  erased: '个人信息删除',
  instruction_given: '领导批示',
  instruction_acknowledged: '签收批示',
  calendar_repinned: '按新日历重算期限',
};

export const ROLE_ACTOR_LABELS: Record<string, string> = {
  admin: '系统管理员',
  office: '活动办',
  leader: '领导',
  unit: '责任单位',
  visitor: '走访人员',
  system: '系统',
};
