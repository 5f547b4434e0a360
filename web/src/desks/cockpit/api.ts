// What the 驾驶舱 reads (docs/ledger.md, docs/statistics.md): open cases escalated or overdue from the
// ledger, their counts, and this month's statistics for the ranking and 办结率.
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { OPEN_STATUSES } from '../statistics/api';

/** One ledger line, as much of it as the cockpit shows. */
export interface LedgerCase {
  id: string;
  status: string;
  title: string;
  lead: string | null;
  priority: string;
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  reportedAt: string;
}

const LIST_LIMIT = 100;

const ledger = (filter: string) =>
  get<Page<LedgerCase>>(`/v1/cases?${filter}&status=${OPEN_STATUSES}&limit=${LIST_LIMIT}`).then((page) => page.items);

const total = (filter: string) =>
  get<{ total: number }>(`/v1/ledger/counts?${filter}&status=${OPEN_STATUSES}`).then((counts) => counts.total);

/** Open cases escalated to level 1 or 2, oldest first: the longest-waiting escalation leads the list. */
export async function escalatedCases(): Promise<LedgerCase[]> {
  const [one, two] = await Promise.all([ledger('escalationLevel=1'), ledger('escalationLevel=2')]);
  return [...two, ...one].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
}

/** Open cases past their deadline, the longest overdue first. */
export async function overdueCases(): Promise<LedgerCase[]> {
  const items = await ledger('overdue=true');
  return items.sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''));
}

export interface CockpitCounts {
  overdue: number;
  levelOne: number;
  levelTwo: number;
}

export async function cockpitCounts(): Promise<CockpitCounts> {
  const [overdue, levelOne, levelTwo] = await Promise.all([
    total('overdue=true'),
    total('escalationLevel=1'),
    total('escalationLevel=2'),
  ]);
  return { overdue, levelOne, levelTwo };
}
