// The settings desk's shapes and calls (docs/api.md "Reference data", docs/accounts.md,
// docs/calendar.md). Writes go through the one client (api/client.ts): POST with an Idempotency-Key
// kept per submission, PATCH and PUT as they are (the API makes them idempotent by their content).
import { ApiError, get, post, request } from '../../api/client';
import type { Page, Role } from '../../api/types';

export interface AccountView {
  id: string;
  login: string;
  name: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountInput {
  login: string;
  name: string;
  role: Role;
  unitId?: string;
  password: string;
}

export type UnitKind = 'department' | 'township' | 'office' | 'leadership';

export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** Only admins are shown it (an internal address). */
  webhookUrl?: string | null;
  leaderName: string | null;
  leaderContact?: string | null;
}

export interface LocalityView {
  code: string;
  name: string;
  parentCode: string | null;
  governingUnitId: string | null;
}

/** An ISO-8601 duration (`P15D`), or a count of working days (docs/calendar.md). */
export type PolicyDuration = string | { workingDays: number };

export interface Policy {
  acceptWithin: PolicyDuration;
  reportEvery: PolicyDuration;
  reportGrace: PolicyDuration;
  resolveWithin: PolicyDuration;
  followUpWithin: PolicyDuration;
  reworkWithin: PolicyDuration;
  noticeAfterMissed: number;
  leadershipAfterMissed: number;
  moveOffNonWorkingDays?: boolean;
  warnBefore?: PolicyDuration;
}

export interface CategoryView {
  code: string;
  name: string;
  businessOwnerUnitId: string | null;
  defaultKind: string | null;
  policyVersion: number;
  policy: Policy;
  updatedAt: string;
}

export interface RoutingRule {
  id: string;
  category?: string;
  locality?: string;
  kind?: string;
  lead: string;
  coHandlers?: string[];
}

export interface RuleSet {
  version: number;
  publishedAt: string | null;
  rules: RoutingRule[];
}

export interface CalendarYear {
  year: number;
  version: number;
  source: 'dataset' | 'override';
  known: boolean;
  dataset: string;
  holidays: string[];
  workdays: string[];
  createdAt: string | null;
}

/** Every page of a list: settings show whole tables (a county has hundreds of rows, not millions). */
export async function everyPage<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<T> = await get<Page<T>>(`${path}?limit=200${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const at = (id: string) => encodeURIComponent(id);

export const listAccounts = () => everyPage<AccountView>('/v1/accounts');
export const createAccount = (body: AccountInput, key: string) => post<AccountView>('/v1/accounts', body, key);
export const patchAccount = (id: string, body: Partial<AccountInput> & { active?: boolean }) =>
  request<AccountView>('PATCH', `/v1/accounts/${at(id)}`, { body });

export const listUnits = () => everyPage<UnitView>('/v1/units');
export const createUnit = (body: Record<string, unknown>, key: string) => post<UnitView>('/v1/units', body, key);
export const patchUnit = (id: string, body: Record<string, unknown>) =>
  request<UnitView>('PATCH', `/v1/units/${at(id)}`, { body });

export const listLocalities = () => everyPage<LocalityView>('/v1/localities');
export const createLocality = (body: Record<string, unknown>, key: string) =>
  post<LocalityView>('/v1/localities', body, key);

export const listCategories = () => everyPage<CategoryView>('/v1/categories');
export const patchCategory = (code: string, body: { policy: Partial<Policy> }) =>
  request<CategoryView>('PATCH', `/v1/categories/${at(code)}`, { body });

export const readRuleSet = () => get<RuleSet>('/v1/routing-rules');
export const publishRuleSet = (rules: RoutingRule[]) =>
  request<RuleSet>('PUT', '/v1/routing-rules', { body: { rules } });

export const readCalendar = (year: number) => get<CalendarYear>(`/v1/calendar/${year}`);
export const putCalendar = (year: number, body: { holidays: string[]; workdays: string[] }) =>
  request<CalendarYear>('PUT', `/v1/calendar/${year}`, { body });

/** POST /v1/routing/what-if (docs/api.md v1.1): what publishing `rules` would change for open cases. */
export interface WhatIfAnswer {
  changedLead: number;
  changedCoHandlers: number;
  toTriage: number;
  perUnit: Array<{ unitId: string; before: number; after: number }>;
}

/**
 * The preview before publishing, or null while the API does not offer it (404/405: the contract names
 * the route, the server has not built it yet). Publishing does not wait for it: it only informs.
 */
export async function previewRuleSet(rules: RoutingRule[]): Promise<WhatIfAnswer | null> {
  try {
    return await post<WhatIfAnswer>('/v1/routing/what-if', { rules });
  } catch (caught) {
    if (caught instanceof ApiError && (caught.status === 404 || caught.status === 405)) return null;
    throw caught;
  }
}
