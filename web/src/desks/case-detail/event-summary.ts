// One line of detail for each event of the timeline, and who acted (责任人): the person's name as it
// was when they acted, with their unit; for a service token its unit or role; for the system, 系统.

import type { ReferenceData } from '../../api/reference';
import type { CaseEvent } from '../../api/types';
import { beijingDateTime } from '../../lib/beijing-time';
import { CLOSE_REASON_LABELS, ROLE_ACTOR_LABELS } from './case-labels';

const ESCALATION_REASONS: Record<string, string> = {
  accept_late: '超时未签收',
  reports_missed: '连续未按期上报',
  overdue: '超期未办结',
  by_hand: '人工督办',
};

const TRIAGE_REASONS: Record<string, string> = { no_route: '无匹配的交办规则', returned: '责任单位退回' };

export function actorOf(event: CaseEvent, names: ReferenceData): string {
  const { actor } = event;
  const unit = actor.unitId ? names.unitName(actor.unitId) : null;
  if (actor.name) return unit ? `${actor.name}（${unit}）` : actor.name;
  if (unit) return unit;
  return ROLE_ACTOR_LABELS[actor.role] ?? actor.role;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
const join = (...parts: Array<string | null>) => parts.filter(Boolean).join('；');

export function eventDetail(event: CaseEvent, names: ReferenceData): string {
  const d = event.data;
  const at = (value: unknown) => beijingDateTime(text(value));
  switch (event.type) {
    case 'triaged':
      return TRIAGE_REASONS[String(d.reason)] ?? String(d.reason);
    case 'assigned':
    case 'dispatched': {
      const co = Array.isArray(d.coHandlers) ? (d.coHandlers as string[]).map((id) => names.unitName(id)) : [];
      return join(
        `牵头单位：${names.unitName(text(d.lead))}`,
        co.length ? `协办单位：${co.join('、')}` : null,
        text(d.acceptDue) ? `请于 ${at(d.acceptDue)} 前签收` : null,
        text(d.note) ? `备注：${text(d.note)}` : null,
      );
    }
    case 'accepted':
      return join(`办理期限 ${at(d.deadline)}`, `首次周报 ${at(d.nextReportDue)}`);
    case 'returned':
      return `退回理由：${text(d.reason) ?? ''}`;
    case 'report_submitted':
    case 'contribution_added':
      return join(
        text(d.progress),
        text(d.measures) ? `措施：${text(d.measures)}` : null,
        typeof d.percentDone === 'number' ? `完成 ${d.percentDone}%` : null,
        text(d.blockers) ? `困难：${text(d.blockers)}` : null,
      );
    case 'report_missed':
      return `应于 ${at(d.dueAt)} 上报，已漏报 ${String(d.missedReports)} 次`;
    case 'escalated':
      return join(
        `${d.level === 2 ? '二级' : '一级'}督办：${ESCALATION_REASONS[String(d.reason)] ?? String(d.reason)}`,
        text(d.note),
      );
    case 'extension_requested':
      return join(`申请延期至 ${at(d.until)}`, `理由：${text(d.reason) ?? ''}`);
    case 'extension_decided':
      return join(d.approved ? `同意，期限至 ${at(d.deadline)}` : '不同意', text(d.note));
    case 'resolved':
      return join(`措施：${text(d.measures) ?? ''}`, `结果：${text(d.outcome) ?? ''}`);
    case 'followed_up':
      return join(d.satisfied ? '群众满意' : '群众不满意', text(d.note));
    case 'reopened':
      return join(d.reason === 'spot_check_failed' ? '抽查未通过' : '回访不满意', text(d.note));
    case 'closed':
      return join(CLOSE_REASON_LABELS[String(d.reason)] ?? String(d.reason), text(d.note));
    case 'instruction_given':
      return text(d.text) ?? '';
    case 'overdue':
    case 'due_soon':
      return `办理期限 ${at(d.deadline)}`;
    default:
      return '';
  }
}
