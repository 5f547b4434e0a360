import type { Actor } from '../domain/actor';
import type { Db } from './sql';

// A case's projected history, oldest first, for the API's case pages: weekly reports and
// contributions, extension requests with their decisions, follow-ups, and the escalation ladder.

export interface CaseReport {
  id: string;
  seq: number;
  kind: 'report' | 'contribution';
  unitId: string | null;
  progress: string;
  measures: string | null;
  percentDone: number | null;
  blockers: string | null;
  dueAt: Date | null;
  onTime: boolean | null;
  submittedAt: Date;
  submittedBy: Actor;
}

export interface CaseExtension {
  requestId: string;
  seq: number;
  unitId: string | null;
  requestedUntil: Date | null;
  reason: string | null;
  requestedAt: Date;
  status: 'pending' | 'approved' | 'denied';
  decidedAt: Date | null;
  decidedBy: Actor | null;
  note: string | null;
  deadlineAfter: Date | null;
}

export interface CaseFollowUp {
  seq: number;
  satisfied: boolean;
  note: string | null;
  at: Date;
  actor: Actor;
}

export interface CaseEscalation {
  seq: number;
  kind: 'reminder' | 'report_missed' | 'escalation';
  level: number;
  reason: string | null;
  unitId: string | null;
  notifiedUnits: string[];
  dueAt: Date | null;
  missedReports: number | null;
  at: Date;
}

export async function listCaseReports(db: Db, caseId: string): Promise<CaseReport[]> {
  return db<CaseReport[]>`
    SELECT id, seq, kind, unit_id AS "unitId", progress, measures, percent_done AS "percentDone", blockers,
           due_at AS "dueAt", on_time AS "onTime", submitted_at AS "submittedAt", submitted_by AS "submittedBy"
    FROM case_reports WHERE case_id = ${caseId} ORDER BY seq`;
}

export async function listCaseExtensions(db: Db, caseId: string): Promise<CaseExtension[]> {
  return db<CaseExtension[]>`
    SELECT request_id AS "requestId", seq, unit_id AS "unitId", requested_until AS "requestedUntil", reason,
           requested_at AS "requestedAt", status, decided_at AS "decidedAt", decided_by AS "decidedBy", note,
           deadline_after AS "deadlineAfter"
    FROM case_extensions WHERE case_id = ${caseId} ORDER BY seq`;
}

export async function listCaseFollowUps(db: Db, caseId: string): Promise<CaseFollowUp[]> {
  return db<CaseFollowUp[]>`
    SELECT seq, satisfied, note, at, actor FROM case_follow_ups WHERE case_id = ${caseId} ORDER BY seq`;
}

export async function listCaseEscalations(db: Db, caseId: string): Promise<CaseEscalation[]> {
  return db<CaseEscalation[]>`
    SELECT seq, kind, level, reason, unit_id AS "unitId", notified_units AS "notifiedUnits", due_at AS "dueAt",
           missed_reports AS "missedReports", at
    FROM case_escalations WHERE case_id = ${caseId} ORDER BY seq`;
}
