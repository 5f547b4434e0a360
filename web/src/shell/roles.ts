// Role names in Chinese, and the role of a pasted service token. The API has no "who am I" route for a
// token, so the role is read from the inbox's `counts`: every desk answers all of its kinds, 0 included
// (docs/inbox.md), and each role's set of kinds is its own. The menu only arranges the screen; what a
// token may do is still the API's decision on every call.

import type { Role } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  office: '活动办',
  leader: '领导',
  unit: '责任单位',
  visitor: '走访人员',
};

/** The kinds that only one desk has (docs/inbox.md "Each desk"). */
const TELLING_KINDS: Array<[string, Role]> = [
  ['to_sign', 'unit'],
  ['triage', 'office'],
];

export function roleFromInboxCounts(counts: Record<string, number>): Role {
  for (const [kind, role] of TELLING_KINDS) if (kind in counts) return role;
  const kinds = Object.keys(counts);
  if (kinds.includes('escalation')) return 'leader';
  if (kinds.includes('system_alert')) return 'admin';
  return 'visitor';
}
