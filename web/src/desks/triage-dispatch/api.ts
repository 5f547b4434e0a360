// What 分诊与交办 reads and writes, as the public API answers it (docs/api.md "Cases", "Dispatch";
// api/routes/dispatches.ts). Declared here rather than in api/types.ts: only this desk needs them.
import { get, post } from '../../api/client';
import type { CaseEvent, CaseView, Page } from '../../api/types';

/** A line of the ledger (`GET /v1/cases`): the case without its routing, plus a few figures. */
export interface LedgerCase {
  id: string;
  status: string;
  kind: string;
  category: string;
  title: string;
  locality: string;
  priority: string;
  lead: string | null;
  coHandlers: string[];
  deadline: string | null;
  reportedAt: string;
  assignedAt: string | null;
}

export interface BatchSummary {
  id: string;
  number: number;
  /** `urgent`: a one-case batch made at intake for an urgent case. */
  kind: 'batch' | 'urgent';
  at: string;
  caseCount: number;
}

/** `POST /v1/dispatches`: who got what, and what could not be dispatched (assigned or closed meanwhile). */
export interface BatchResult {
  id: string;
  number: number;
  at: string;
  cases: Array<{ caseId: string; lead: string }>;
  skipped: Array<{ caseId: string; reason: string }>;
}

export interface BatchCase {
  caseId: string;
  title: string;
  categoryName: string | null;
  localityName: string | null;
  /** Null or `dispatched` when the case went out; otherwise why it was skipped. */
  outcome: string | null;
}

export interface BatchDetail extends BatchSummary {
  units: Array<{ unitId: string; unitName: string | null; cases: BatchCase[] }>;
}

/** The cases in one status, newest first. The queues are short: one page of 200 (the API's most) is read. */
export const casesIn = (status: 'triage' | 'queued') => get<Page<LedgerCase>>(`/v1/cases?status=${status}&limit=200`);

export const caseView = (id: string) => get<CaseView>(`/v1/cases/${encodeURIComponent(id)}`);

export const caseEvents = (id: string) =>
  get<{ items: CaseEvent[] }>(`/v1/cases/${encodeURIComponent(id)}/events`).then((page) => page.items);

export const dispatchNow = (idempotencyKey: string) => post<BatchResult>('/v1/dispatches', {}, idempotencyKey);

export const batches = (cursor: string | null) =>
  get<Page<BatchSummary>>(`/v1/dispatches?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

export const batch = (id: string) => get<BatchDetail>(`/v1/dispatches/${encodeURIComponent(id)}`);
