// Chinese names for the settings' codes, and what a refusal means here. Labels only: what may be
// changed is the API's decision on every call.
import { ApiError } from '../../api/client';
import type { Policy } from './api';

export const UNIT_KIND_LABELS: Record<string, string> = {
  department: '职能部门',
  township: '乡镇（街道）',
  office: '活动办',
  leadership: '领导小组',
};

/** The policy's durations, in the order a case meets them. */
export const DURATION_FIELDS = [
  ['acceptWithin', '签收时限'],
  ['reportEvery', '上报周期'],
  ['reportGrace', '上报宽限'],
  ['resolveWithin', '办结时限'],
  ['warnBefore', '临期预警'],
  ['followUpWithin', '回访时限'],
  ['reworkWithin', '重办时限'],
] as const satisfies ReadonlyArray<readonly [keyof Policy, string]>;

export type DurationField = (typeof DURATION_FIELDS)[number][0];

export const COUNT_FIELDS = [
  ['noticeAfterMissed', '漏报几次发通知'],
  ['leadershipAfterMissed', '漏报几次报领导'],
] as const satisfies ReadonlyArray<readonly [keyof Policy, string]>;

/**
 * A refusal as the settings say it: a 403 means this role may only look (the office reads, admins
 * write), which the generic "无权进行此操作" does not tell a clerk.
 */
export function refusal(error: ApiError): string {
  if (error.status === 403) return '此项仅限系统管理员：您的角色无权查看或修改，如需办理请联系系统管理员';
  return error.message;
}

/** Rethrows what is not the API's answer (a bug), so only refusals are shown as refusals. */
export function asApiError(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught;
  throw caught;
}
