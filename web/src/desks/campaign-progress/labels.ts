// Chinese for this desk: target types, the import's fields, its row messages, spot-check results.
import { beijingDate } from '../../lib/beijing-time';

const day = (iso: string) => beijingDate(`${iso}T00:00:00+08:00`);

export const TARGET_TYPE_LABELS: Record<string, string> = {
  household: '户',
  village: '村寨',
  community: '社区',
  enterprise: '企业',
  school: '学校',
};

export const IMPORT_FIELD_LABELS: Record<string, string> = {
  targetType: '走访对象类型',
  targetName: '走访对象名称',
  locality: '属地',
  visitedAt: '走访日期',
  unitId: '走访单位',
  notes: '备注',
};

const ROW_MESSAGES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^is required$/, () => '不能为空'],
  [/^must be one of 户/, () => '须为 户、村寨、社区、企业、学校 之一'],
  [/^must be a date such as/, () => '日期格式有误，应如 2026-11-30 或 2026/11/30'],
  [/^must fall within the campaign, (\S+) to (\S+)$/, (m) => `须在活动期间内（${day(m[1]!)}至${day(m[2]!)}）`],
  [/^must be at most (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^no (locality|unit) with code or name (.*)$/, (m) => `找不到${m[1] === 'unit' ? '单位' : '属地'}「${m[2]}」`],
  [
    /^(locality|unit) name (.*) is ambiguous/,
    (m) => `${m[1] === 'unit' ? '单位' : '属地'}名称「${m[2]}」有重名，请填写代码`,
  ],
];

/** The API's row message in Chinese; one this file does not know is shown as the API wrote it. */
export function rowMessage(message: string): string {
  for (const [pattern, say] of ROW_MESSAGES) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return message;
}

export const SPOT_RESULT_LABELS: Record<string, { label: string; type: 'info' | 'success' | 'danger' }> = {
  pending: { label: '待核查', type: 'info' },
  passed: { label: '核查通过', type: 'success' },
  failed: { label: '核查未通过', type: 'danger' },
};
