import type { CaseStatus, CaseKind, CloseReason, Priority } from '../domain/enums';
import type { RoutingDecision } from '../routing/types';
import type { Db } from './sql';

export interface CaseRow {
  id: string;
  seq: number;
  status: CaseStatus;
  kind: CaseKind;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: Priority;
  reporterId: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reportedBy: { id: string; role: string; unitId: string | null };
  leadUnitId: string | null;
  coHandlers: string[];
  routing: RoutingDecision;
  deadline: Date | null;
  nextReportDue: Date | null;
  missedReports: number;
  overdue: boolean;
  escalationLevel: number;
  closeReason: CloseReason | null;
  reportedAt: Date;
  updatedAt: Date;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | null> {
  const [row] = await db<CaseRow[]>`
    SELECT c.id, c.seq, c.status, c.kind, c.category, c.title, c.description, c.locality, c.priority,
           c.reporter_id AS "reporterId", r.name AS "reporterName", r.phone AS "reporterPhone",
           c.reported_by AS "reportedBy", c.lead_unit_id AS "leadUnitId", c.co_handlers AS "coHandlers",
           c.routing, c.deadline, c.next_report_due AS "nextReportDue", c.missed_reports AS "missedReports",
           c.overdue, c.escalation_level AS "escalationLevel", c.close_reason AS "closeReason",
           c.reported_at AS "reportedAt", c.updated_at AS "updatedAt"
    FROM cases c LEFT JOIN reporters r ON r.id = c.reporter_id
    WHERE c.id = ${id}`;
  return row ?? null;
}

export interface CaseEventRow {
  seq: number;
  type: string;
  at: Date;
  actor: { id: string; role: string; unitId: string | null };
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db<CaseEventRow[]>`
    SELECT seq, type, at, actor, data, prev_hash AS "prevHash", hash
    FROM case_events WHERE case_id = ${caseId} ORDER BY seq`;
}
