// The closed vocabularies of docs/domain.md. Plain arrays so workflow code can use them without zod.
export const CASE_KINDS = ['problem_clue', 'suggestion', 'conflict_risk', 'hardship'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_STATUSES = ['triage', 'queued', 'assigned', 'in_progress', 'verifying', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSE_REASONS = ['on_spot', 'resolved', 'duplicate', 'withdrawn', 'not_actionable'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const UNIT_KINDS = ['department', 'township', 'office', 'leadership'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['admin', 'office', 'leader', 'unit', 'visitor'] as const;
export type Role = (typeof ROLES)[number];

export const TARGET_TYPES = ['household', 'village', 'community', 'enterprise', 'school'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
