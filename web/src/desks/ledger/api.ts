// The ledger as the API serves it (docs/ledger.md): `GET /v1/cases` keyset-paged, `GET /v1/ledger/counts`
// and the exports `GET /v1/ledger.xlsx|csv`, all taking the same filters as one query string.
import { ApiError, get } from '../../api/client';
import { chineseMessage, fieldErrorsOf, type Problem } from '../../api/problems';
import type { Page } from '../../api/types';
import { currentToken } from '../../session/session';

export interface LedgerRow {
  id: string;
  status: string;
  kind: string;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: string;
  reporter: { name: string; phone: string | null } | null;
  lead: string | null;
  coHandlers: string[];
  deadline: string | null;
  overdue: boolean;
  dueSoon?: boolean;
  escalationLevel: number;
  reportedAt: string;
  assignedAt: string | null;
  lastReportAt: string | null;
  lastReportSummary: string | null;
  reportCount: number;
  escalationCount: number;
}

/** Every filter of the ledger; an empty value is no filter. Dates are Beijing days (`2026-11-30`). */
export interface LedgerFilters {
  status: string[];
  unit: string;
  category: string[];
  kind: string[];
  priority: string[];
  locality: string;
  overdue: '' | 'true' | 'false';
  dueSoon: '' | 'true' | 'false';
  escalationLevel: '' | '0' | '1' | '2';
  reported: [string, string] | null;
  q: string;
}

export const noFilters = (): LedgerFilters => ({
  status: [],
  unit: '',
  category: [],
  kind: [],
  priority: [],
  locality: '',
  overdue: '',
  dueSoon: '',
  escalationLevel: '',
  reported: null,
  q: '',
});

/** The query string the list, the counts and the exports share (lists comma-joined, as the API takes them). */
export function filterQuery(filters: LedgerFilters): URLSearchParams {
  const query = new URLSearchParams();
  const put = (key: string, value: string) => value.trim() && query.set(key, value.trim());
  put('status', filters.status.join(','));
  put('unit', filters.unit);
  put('category', filters.category.join(','));
  put('kind', filters.kind.join(','));
  put('priority', filters.priority.join(','));
  put('locality', filters.locality);
  put('overdue', filters.overdue);
  put('dueSoon', filters.dueSoon);
  put('escalationLevel', filters.escalationLevel);
  // `reportedTo` as a bare day includes that day (docs/ledger.md).
  if (filters.reported) {
    query.set('reportedFrom', filters.reported[0]);
    query.set('reportedTo', filters.reported[1]);
  }
  put('q', filters.q);
  return query;
}

export function ledgerPage(filters: LedgerFilters, limit: number, cursor: string | null): Promise<Page<LedgerRow>> {
  const query = filterQuery(filters);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return get<Page<LedgerRow>>(`/v1/cases?${query.toString()}`);
}

export const ledgerTotal = (filters: LedgerFilters) =>
  get<{ total: number }>(`/v1/ledger/counts?${filterQuery(filters).toString()}`).then((counts) => counts.total);

/**
 * The export as a file: the route needs the bearer, which a plain link cannot send, so the file is
 * fetched, kept as a blob and handed to the browser through an object URL under a Chinese name.
 */
export async function downloadExport(format: 'xlsx' | 'csv', filters: LedgerFilters, fileName: string): Promise<void> {
  const token = currentToken();
  let response: Response;
  try {
    response = await fetch(`/v1/ledger.${format}?${filterQuery(filters).toString()}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError(0, chineseMessage({ status: 0 }, null), { status: 0 }, {}, null);
  }
  if (!response.ok) {
    const problem: Problem = { ...((await response.json().catch(() => ({}))) as object), status: response.status };
    const retryAfter = Number(response.headers.get('retry-after')) || null;
    throw new ApiError(
      response.status,
      chineseMessage(problem, retryAfter),
      problem,
      fieldErrorsOf(problem),
      retryAfter,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Freed a minute later, not at once: some browsers still read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
