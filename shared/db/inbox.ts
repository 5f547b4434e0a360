import type { Viewer } from '../domain/access';
import {
  DESK_KINDS,
  ESCALATION_LEVEL_SHOWN,
  INBOX_RECENT_WINDOW_MS,
  INBOX_WARNING_WINDOW_MS,
  type InboxFinding,
  type InboxKind,
} from '../domain/inbox';
import {
  awaitingFollowUp,
  escalatedCases,
  failedSpotChecks,
  pendingExtensions,
  systemAlerts,
  triageCases,
  type Found,
  type InboxScope,
} from './inbox-queries';
import { dueSoon, instructions, overdueCases, reportsDue, reworks, toSign } from './inbox-unit-queries';
import type { Db } from './sql';

// The caller's inbox: its desk's queries (docs/inbox.md), run one after another on the pool (each is
// an index read of the few rows waiting), merged oldest first.

export interface Inbox {
  findings: InboxFinding[];
  counts: Partial<Record<InboxKind, number>>;
}

/** A desk's query: its kinds, each with its rows and, when one query serves two kinds, its own count. */
type Query = (scope: InboxScope) => Promise<Array<{ kind: InboxKind; rows: Found[]; total?: number }>>;

const as =
  (kind: InboxKind, read: (scope: InboxScope) => Promise<Found[]>): Query =>
  async (scope) => [{ kind, rows: await read(scope) }];

/** Triage and returns come from one query: a case in triage is one or the other. */
const triage: Query = async (scope) => {
  const rows = await triageCases(scope);
  const returned = rows[0]?.returnedTotal ?? 0;
  return [
    { kind: 'triage', rows: rows.filter((row) => !row.returned), total: (rows[0]?.total ?? 0) - returned },
    { kind: 'returned', rows: rows.filter((row) => row.returned), total: returned },
  ];
};

function deskQueries(viewer: Viewer): Query[] {
  switch (viewer.role) {
    case 'office':
      return [
        triage,
        as('extension_request', pendingExtensions),
        as('awaiting_follow_up', (scope) => awaitingFollowUp(scope, null)),
        as('escalation', (scope) => escalatedCases(scope, ESCALATION_LEVEL_SHOWN.office)),
        as('spot_check_failed', failedSpotChecks),
        as('system_alert', systemAlerts),
      ];
    case 'unit': {
      const unitId = viewer.unitId;
      if (unitId === null) return [];
      return [
        as('to_sign', (scope) => toSign(scope, unitId)),
        as('report_due', (scope) => reportsDue(scope, unitId)),
        as('rework', (scope) => reworks(scope, unitId)),
        as('due_soon', (scope) => dueSoon(scope, unitId)),
        as('overdue', (scope) => overdueCases(scope, unitId)),
        as('instruction', (scope) => instructions(scope, unitId)),
      ];
    }
    case 'leader':
      return [
        as('escalation', (scope) => escalatedCases(scope, ESCALATION_LEVEL_SHOWN.leader)),
        as('overdue', (scope) => overdueCases(scope, null)),
      ];
    case 'admin':
      return [as('system_alert', systemAlerts)];
    case 'visitor':
      return [as('awaiting_follow_up', (scope) => awaitingFollowUp(scope, viewer.tokenId))];
  }
}

const finding = (kind: InboxKind, { total: _total, ...row }: Found): InboxFinding => ({
  kind,
  caseId: row.caseId ?? null,
  title: row.title,
  since: row.since,
  due: row.due ?? null,
  note: row.note ?? null,
  until: row.until ?? null,
  count: row.count ?? null,
  code: row.code ?? null,
});

/** What waits on `viewer` at `now`: the oldest `limit` items, and how many of each kind wait in all. */
export async function readInbox(db: Db, viewer: Viewer, { now, limit }: { now: Date; limit: number }): Promise<Inbox> {
  const scope: InboxScope = {
    db,
    now,
    limit,
    warnUntil: new Date(now.getTime() + INBOX_WARNING_WINDOW_MS),
    warnSeconds: INBOX_WARNING_WINDOW_MS / 1000,
    recentFrom: new Date(now.getTime() - INBOX_RECENT_WINDOW_MS),
  };
  const counts: Partial<Record<InboxKind, number>> = Object.fromEntries(DESK_KINDS[viewer.role].map((k) => [k, 0]));
  const findings: InboxFinding[] = [];
  for (const query of deskQueries(viewer)) {
    for (const { kind, rows, total } of await query(scope)) {
      counts[kind] = total ?? rows[0]?.total ?? 0;
      findings.push(...rows.map((row) => finding(kind, row)));
    }
  }
  findings.sort((a, b) => a.since.getTime() - b.since.getTime() || (a.caseId ?? '').localeCompare(b.caseId ?? ''));
  return { findings: findings.slice(0, limit), counts };
}
