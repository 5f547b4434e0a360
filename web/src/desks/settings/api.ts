// The settings desk's shapes and calls (docs/api.md "Reference data", docs/accounts.md,
// docs/calendar.md, docs/routing-what-if.md). Writes go through the one client (api/client.ts): POST
// with an Idempotency-Key kept per submission, PATCH and PUT as they are (the API makes them
// idempotent by their content) — except the what-if preview, a stream the JSON client cannot read.
import { ApiError, get, post, request, sessionRefused } from '../../api/client';
import { chineseMessage, fieldErrorsOf, type Problem } from '../../api/problems';
import { newIdempotencyKey } from '../../api/submission';
import type { Page, Role } from '../../api/types';
import { currentToken } from '../../session/session';
import { ndjsonLines, type WhatIfAnswer, type WhatIfFilter, type WhatIfLine, type WhatIfProgress } from './what-if';

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
/** Publishing names the preview it was reviewed against: the API refuses it if either changed since. */
export const publishRuleSet = (rules: RoutingRule[], previewId: string) =>
  request<RuleSet>('PUT', '/v1/routing-rules', { body: { rules, previewId } });

export const readCalendar = (year: number) => get<CalendarYear>(`/v1/calendar/${year}`);
export const putCalendar = (year: number, body: { holidays: string[]; workdays: string[] }) =>
  request<CalendarYear>('PUT', `/v1/calendar/${year}`, { body });

/** A published version, newest first (GET /v1/routing-rules/versions). */
export interface RuleSetSummary {
  version: number;
  ruleCount: number;
  publishedAt: string;
  publishedBy: string | null;
  previewId: string | null;
}

/** The preview a version was published after: who ran it, over which cases, with what figures. */
export interface PreviewSummary {
  id: string;
  baseVersion: number;
  createdBy: string;
  createdAt: string;
  filter: WhatIfFilter;
  cases: number;
  changedLead: number;
  changedCoHandlers: number;
  toTriage: number;
}

export interface RuleSetVersion extends RuleSetSummary {
  rules: RoutingRule[];
  preview: PreviewSummary | null;
}

export const listRuleSetVersions = (cursor: string | null) =>
  get<Page<RuleSetSummary>>(`/v1/routing-rules/versions?limit=20${cursor ? `&cursor=${at(cursor)}` : ''}`);
export const readRuleSetVersion = (version: number) => get<RuleSetVersion>(`/v1/routing-rules/versions/${version}`);

const refusalOf = (problem: Problem, retryAfterSeconds: number | null = null) =>
  new ApiError(
    problem.status,
    chineseMessage(problem, retryAfterSeconds),
    problem,
    fieldErrorsOf(problem),
    retryAfterSeconds,
  );

/**
 * POST /v1/routing/what-if read as it streams (`application/x-ndjson`): a progress line per slice of
 * the ledger read, then the answer. The JSON client cannot read a stream, so this sends the session
 * as it does (the bearer, an Idempotency-Key on the POST) and refuses as it does (an ApiError in
 * Chinese; a 401 ends the session). A problem after the first line arrives as the last line.
 */
export async function streamWhatIf(
  body: { rules: RoutingRule[]; filter?: WhatIfFilter },
  onProgress: (progress: WhatIfProgress) => void,
  signal?: AbortSignal,
): Promise<WhatIfAnswer> {
  const headers: Record<string, string> = {
    accept: 'application/x-ndjson',
    'content-type': 'application/json',
    'idempotency-key': newIdempotencyKey(),
  };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const lost = (): unknown => (signal?.aborted ? (signal.reason as unknown) : refusalOf({ status: 0 }));
  let response: Response;
  try {
    response = await fetch('/v1/routing/what-if', { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch {
    throw lost();
  }
  if (!response.ok) {
    const problem: Problem = { ...((await response.json().catch(() => ({}))) as object), status: response.status };
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status === 401) sessionRefused();
    throw refusalOf(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  try {
    for await (const line of ndjsonLines(response.body!) as AsyncGenerator<WhatIfLine>) {
      if (line.type === 'progress') onProgress(line);
      else if (line.type === 'error') throw refusalOf(line);
      else return line;
    }
  } catch (caught) {
    if (caught instanceof ApiError) throw caught;
    throw lost();
  }
  // The stream ended with neither an answer nor a problem: the connection was cut.
  throw lost();
}
