// A refused visit's field errors in Chinese: `body.cases.1.category` → 问题2 · 问题类别：unknown
// category. The API's message stays as it is (it names the exact rule); the place is the person's.
import { beijingDate } from '../../lib/beijing-time';
import type { VisitBody } from './field-model';

const day = (iso: string) => beijingDate(`${iso}T00:00:00+08:00`);

const FIELD_LABELS: Record<string, string> = {
  campaignId: '走访活动',
  targetType: '走访对象类型',
  targetName: '走访对象',
  locality: '属地',
  unitId: '走访单位',
  visitedAt: '走访日期',
  notes: '走访情况',
  cases: '问题',
  kind: '类型',
  category: '问题类别',
  title: '标题',
  description: '问题描述',
  priority: '紧急程度',
  reporter: '反映人',
  name: '姓名',
  phone: '电话',
  resolvedOnSpot: '当场解决',
  measures: '解决措施',
};

const API_MESSAGES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [
    /^unknown (locality|category|unit)$/,
    (m) => `系统中没有该${{ locality: '属地', category: '类别', unit: '单位' }[m[1]!]}`,
  ],
  [/^no such campaign$/, () => '没有这个走访活动'],
  [/^must fall within the campaign, (\S+) to (\S+)$/, (m) => `须在活动期间内（${day(m[1]!)}至${day(m[2]!)}）`],
];

function chinese(message: string): string {
  for (const [pattern, say] of API_MESSAGES) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return message;
}

export function refusalLines(errors: Array<{ path: string; message: string }>, body: VisitBody): string[] {
  return errors.map(({ path, message }) => {
    const parts = path.replace(/^body\.?/, '').split('.');
    const place =
      parts[0] === 'cases' && parts[1] !== undefined
        ? [`问题${Number(parts[1]) + 1}（${body.cases?.[Number(parts[1])]?.title ?? ''}）`, ...parts.slice(2)]
        : parts;
    return `${place.map((p) => FIELD_LABELS[p] ?? p).join(' · ')}：${chinese(message)}`;
  });
}
