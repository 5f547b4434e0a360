import { campaignDate } from '../../shared/domain/campaign-clock';
import type { Bulletin } from '../../shared/supervision/bulletin';
import { INSUFFICIENT_SAMPLE_RANK, SLOW_REASON_LABELS, type RankedUnit } from '../../shared/supervision/ranking';

// The bulletin's columns and words in Chinese, shared by the .xlsx and the printable HTML.

export { SLOW_REASON_LABELS };

export const titleOf = (b: Pick<Bulletin, 'kind' | 'period'>): string =>
  b.kind === 'weekly' ? `周调度进度通报（${b.period}）` : `月小结（${b.period}）`;

/** The period as people read it: 2026-11-23 至 2026-11-29 (the end is exclusive, so the last day is shown). */
export function periodText(b: Pick<Bulletin, 'startsAt' | 'endsAt'>): string {
  return `${campaignDate(b.startsAt)} 至 ${campaignDate(Date.parse(b.endsAt) - 1)}`;
}

/** Hours with one decimal, for reading and for sorting in a spreadsheet; '' without a value. */
export const hours = (seconds: number | null): number | '' =>
  seconds === null ? '' : Math.round((seconds / 3600) * 10) / 10;

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export interface BulletinColumn {
  header: string;
  width: number;
  value: (u: RankedUnit) => string | number;
  /** Text read left to right (names, reasons) rather than a figure. */
  text?: boolean;
}

export const BULLETIN_COLUMNS: BulletinColumn[] = [
  { header: '排名', width: 6, value: (u) => (u.rank === INSUFFICIENT_SAMPLE_RANK ? '样本不足' : u.rank) },
  { header: '单位', width: 24, value: (u) => u.unitName ?? u.unitId, text: true },
  { header: '交办', width: 8, value: (u) => u.assigned },
  { header: '签收', width: 8, value: (u) => u.accepted },
  { header: '待签收', width: 8, value: (u) => u.pendingAccept },
  { header: '办理中', width: 8, value: (u) => u.inProgress },
  { header: '本期办结', width: 10, value: (u) => u.resolved },
  { header: '办结率', width: 10, value: (u) => percent(u.resolutionRate) },
  { header: '超期', width: 8, value: (u) => u.overdue },
  { header: '未按时上报', width: 12, value: (u) => u.missedReports },
  { header: '升级督办', width: 10, value: (u) => u.escalations },
  { header: '签收用时中位数（小时）', width: 14, value: (u) => hours(u.medianAcceptSeconds) },
  { header: '办结用时中位数（小时）', width: 14, value: (u) => hours(u.medianResolveSeconds) },
  {
    header: '进度较慢原因',
    width: 28,
    value: (u) => u.slowReasons.map((r) => SLOW_REASON_LABELS[r]).join('、'),
    text: true,
  },
];

export const RANKING_RULE_TEXT =
  '排名规则：按办结率（本期办结 ÷（本期办结 + 期末待签收 + 期末办理中））从高到低，无在办任务的单位排在最后；' +
  '办结率相同时，超期少者在前，其次升级督办少者、未按时上报少者、签收用时短者在前；各项均相同者并列。';
