// The what-if preview of a draft rule set (docs/routing-what-if.md): its shapes, the NDJSON stream it
// arrives in, and the figures said with names — a clerk reads units, categories and localities by
// name, never by code. Pure functions: test/web/settings-what-if-logic.test.ts.

/** One side of a changed group: who leads and co-handles under that rule set, and why. */
import { beijingDate } from '../../lib/beijing-time';
export interface WhatIfSide {
  /** null: 转人工分诊. */
  lead: string | null;
  coHandlers: string[];
  ruleId: string | null;
  explanation: string[];
}

export interface UnitShift {
  unitId: string;
  before: number;
  after: number;
  coHandlingBefore: number;
  coHandlingAfter: number;
}

export interface WhatIfExample {
  /** A case of the group to open; null when none is left that the filter takes. */
  caseId: string | null;
  category: string;
  locality: string;
  kind: string;
  cases: number;
  before: WhatIfSide;
  after: WhatIfSide;
}

export interface WhatIfAnswer {
  /** What `PUT /v1/routing-rules` names as `previewId`. */
  id: string;
  baseVersion: number;
  createdAt: string;
  cases: number;
  changedLead: number;
  changedCoHandlers: number;
  toTriage: number;
  triageBefore: number;
  triageAfter: number;
  perUnit: UnitShift[];
  examples: WhatIfExample[];
}

/** The ledger's filters the preview takes; the desk offers the period and the statuses. */
export interface WhatIfFilter {
  reportedFrom?: string;
  reportedTo?: string;
  status?: string[];
}

export interface WhatIfProgress {
  done: number;
  total: number;
  cases: number;
}

/** A line of the stream: progress while the ledger is read, then the answer or the problem. */
export type WhatIfLine =
  | ({ type: 'progress'; phase: string } & WhatIfProgress)
  | ({ type: 'result' } & WhatIfAnswer)
  | { type: 'error'; status: number; title?: string; detail?: string };

/** The body's text split at newlines as it arrives; a line cut by a chunk waits for the rest. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = done ? '' : (lines.pop() ?? '');
    for (const line of lines) if (line.trim() !== '') yield JSON.parse(line);
    if (done) return;
  }
}

/** Blocks read of the ledger, as a percentage for el-progress (an empty ledger is read at once). */
export const progressPercent = (progress: WhatIfProgress | null): number =>
  progress === null || progress.total === 0 ? 0 : Math.min(100, Math.round((progress.done / progress.total) * 100));

export type Names = ReadonlyMap<string, string>;

/** A rule's handler: the two principles in words, else the unit's name. */
export function handlerName(handler: string, units: Names): string {
  if (handler === 'business_owner') return '业务主管单位';
  if (handler === 'locality') return '属地单位';
  return units.get(handler) ?? '（已不存在的单位）';
}

/** A side of an example as two lines a clerk reads: the lead (or triage) and the co-handlers. */
export function sideInWords(side: WhatIfSide, units: Names): { lead: string; coHandlers: string } {
  return {
    lead: side.lead === null ? '转人工分诊' : handlerName(side.lead, units),
    coHandlers: side.coHandlers.length === 0 ? '无' : side.coHandlers.map((id) => handlerName(id, units)).join('、'),
  };
}

export interface UnitShiftRow extends UnitShift {
  name: string;
  leadChanged: boolean;
  coHandlingChanged: boolean;
}

/** The per-unit table: names, and which of the two counts moved (highlighted). The API's order is kept. */
export const unitShiftRows = (perUnit: readonly UnitShift[], units: Names): UnitShiftRow[] =>
  perUnit.map((row) => ({
    ...row,
    name: handlerName(row.unitId, units),
    leadChanged: row.before !== row.after,
    coHandlingChanged: row.coHandlingBefore !== row.coHandlingAfter,
  }));

/** The filter form as the API takes it: fields left empty are left out (no filter: every case). */
export function filterOf(form: { period: [string, string] | null; statuses: string[] }): WhatIfFilter {
  return {
    ...(form.period ? { reportedFrom: form.period[0], reportedTo: form.period[1] } : {}),
    ...(form.statuses.length > 0 ? { status: [...form.statuses] } : {}),
  };
}

/**
 * Why a publish after a preview was refused: someone published since (409), the draft is not the one
 * previewed (422 on previewId) — both mean preview again — or the rules themselves (shown on the rows).
 */
export function publishRefusalKind(
  status: number,
  errors: ReadonlyArray<{ path: string }> = [],
): 'stale' | 'edited' | 'rules' | 'other' {
  if (status === 409) return 'stale';
  if (status !== 422 && status !== 400) return 'other';
  if (errors.some((error) => error.path === 'body.previewId')) return 'edited';
  return errors.some((error) => error.path.startsWith('body.rules')) ? 'rules' : 'other';
}

/** A bare date of the filter (2026-03-01) is a Beijing day: its midnight there, in the console's words. */
const dayInWords = (day: string): string => beijingDate(`${day}T00:00:00+08:00`);

/** The filter a preview was run with, in words; 全部历史案件 when it had none. */
export function filterInWords(filter: WhatIfFilter, statusLabels: Readonly<Record<string, string>>): string {
  const from = filter.reportedFrom ? dayInWords(filter.reportedFrom) : '';
  const to = filter.reportedTo ? dayInWords(filter.reportedTo) : '';
  const parts = [
    from || to ? `上报于${from || '最早'}至${to || '今'}` : '',
    filter.status?.length ? `状态为${filter.status.map((s) => statusLabels[s] ?? s).join('、')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('，') : '全部历史案件';
}
