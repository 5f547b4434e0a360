// The notification a stored bulletin sends through the outbox (docs/notifications.md): to the office
// and the leadership group, who receive every bulletin, and to each slow unit, which is named in it
// (通报). Its id is the period's, so recomputing a bulletin never notifies twice.
import type { OutboxNotification } from '../contracts/notification';
import type { Bulletin } from './bulletin';
import { SLOW_REASON_LABELS } from './ranking';

export const bulletinNotificationId = (b: Pick<Bulletin, 'kind' | 'period'>): string =>
  `${b.kind === 'weekly' ? 'bulletin' : 'summary'}-${b.period}`;

export function bulletinNotice(b: Bulletin, supervisors: string[]): OutboxNotification {
  const t = b.totals;
  const name = (u: { unitId: string; unitName: string | null }) => u.unitName ?? u.unitId;
  const slow =
    b.slowUnits.length === 0
      ? '本期无进度较慢单位。'
      : `进度较慢单位：${b.slowUnits.map((u) => `${name(u)}（${u.reasons.map((r) => SLOW_REASON_LABELS[r]).join('、')}）`).join('；')}。`;
  // The ranked units only: a unit under the minimum sample (rank 0, 样本不足) is neither top nor bottom.
  const top = b.units
    .filter((u) => u.rank > 0)
    .slice(0, 3)
    .map((u) => `${u.rank}. ${name(u)}（办结率 ${((u.resolutionRate ?? 0) * 100).toFixed(1)}%）`)
    .join('；');
  const path =
    b.kind === 'weekly' ? `/v1/bulletins/weekly?week=${b.period}` : `/v1/summaries/monthly?month=${b.period}`;
  return {
    id: bulletinNotificationId(b),
    caseId: null,
    kind: b.kind === 'weekly' ? 'bulletin' : 'summary',
    level: 0,
    recipientUnitIds: [...new Set([...supervisors, ...b.slowUnits.map((u) => u.unitId)])],
    subject: b.kind === 'weekly' ? `周调度进度通报（${b.period}）` : `月小结（${b.period}）`,
    body: [
      `本期交办 ${t.assigned} 件，签收 ${t.accepted} 件，办结 ${t.resolved} 件，新增超期 ${t.overdue} 件，升级督办 ${t.escalations} 次。`,
      slow,
      top ? `排名前列：${top}。` : '',
      `详见 ${path}&format=html`,
    ]
      .filter((line) => line !== '')
      .join('\n'),
    at: b.computedAt,
  };
}
