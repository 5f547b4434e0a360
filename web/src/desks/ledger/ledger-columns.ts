// The ledger's columns: what each shows of a row, and which ones this browser chose to see. The choice
// is kept in localStorage (it is a preference of the person at this desk, not of the session), and a
// stored choice naming columns that no longer exist keeps only the ones that do.
import type { ReferenceData } from '../../api/reference';
import { beijingDate, beijingDateTime } from '../../lib/beijing-time';
import { KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../case-detail/case-labels';
import type { LedgerRow } from './api';

export interface LedgerColumn {
  key: string;
  label: string;
  width: number;
  text(row: LedgerRow, names: ReferenceData): string;
}

const ESCALATION_LABELS = ['无', '一级督办', '二级督办'];

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'status', label: '办理状态', width: 80, text: (r) => STATUS_LABELS[r.status] ?? r.status },
  { key: 'kind', label: '问题类型', width: 90, text: (r) => KIND_LABELS[r.kind] ?? r.kind },
  { key: 'category', label: '类别', width: 100, text: (r, n) => n.categoryName(r.category) },
  { key: 'locality', label: '属地', width: 90, text: (r, n) => n.localityName(r.locality) },
  { key: 'priority', label: '紧急程度', width: 80, text: (r) => PRIORITY_LABELS[r.priority] ?? r.priority },
  { key: 'lead', label: '牵头单位', width: 130, text: (r, n) => n.unitName(r.lead) },
  {
    key: 'coHandlers',
    label: '协办单位',
    width: 130,
    text: (r, n) => r.coHandlers.map((id) => n.unitName(id)).join('、') || '—',
  },
  { key: 'reporter', label: '反映人', width: 110, text: (r) => (r.reporter ? r.reporter.name : '—') },
  { key: 'reportedAt', label: '上报时间', width: 155, text: (r) => beijingDateTime(r.reportedAt) },
  { key: 'assignedAt', label: '交办日期', width: 130, text: (r) => beijingDate(r.assignedAt) },
  { key: 'deadline', label: '整改时限', width: 155, text: (r) => beijingDateTime(r.deadline) },
  {
    key: 'lastReport',
    label: '最新进展',
    width: 200,
    text: (r) => (r.lastReportAt ? `${beijingDate(r.lastReportAt)}：${r.lastReportSummary ?? ''}` : '—'),
  },
  { key: 'reportCount', label: '周报次数', width: 80, text: (r) => String(r.reportCount) },
  { key: 'overdue', label: '是否超期', width: 80, text: (r) => (r.overdue ? '是' : '否') },
  {
    key: 'escalationLevel',
    label: '督办级别',
    width: 80,
    text: (r) => ESCALATION_LABELS[r.escalationLevel] ?? String(r.escalationLevel),
  },
];

const DEFAULT_SHOWN = [
  'status',
  'category',
  'locality',
  'lead',
  'reportedAt',
  'deadline',
  'overdue',
  'escalationLevel',
];
const STORAGE_KEY = 'duban.ledger.columns';

export function shownColumnKeys(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(stored)) return LEDGER_COLUMNS.map((c) => c.key).filter((key) => stored.includes(key));
  } catch {
    // A damaged or foreign value: the defaults.
  }
  return [...DEFAULT_SHOWN];
}

export function rememberShownColumns(keys: string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // Storage full or refused (private mode): the choice lasts for this page only.
  }
}
