// The shapes of the public API the console reads (docs/api.md). Declared here, not imported from the
// server's zod schemas: the console is a client of the published contract, like any other.

export type Role = 'admin' | 'office' | 'leader' | 'unit' | 'visitor';

export interface Account {
  id: string;
  login: string;
  name: string;
  role: Role;
  unitId: string | null;
}

export interface SessionAnswer {
  token: string;
  expiresAt: string;
  account: Account;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface InboxItem {
  kind: string;
  caseId?: string;
  title: string;
  since: string;
  due?: string;
  why: string;
}

export interface Inbox {
  items: InboxItem[];
  counts: Record<string, number>;
}

export interface AllowedAction {
  action: string;
  path: string;
}

export interface RoutingDecision {
  lead: string | null;
  coHandlers: string[];
  ruleId: string | null;
  rulesVersion: number;
  decidedBy: string;
  explanation: string[];
}

export type CaseStatus = 'triage' | 'queued' | 'assigned' | 'in_progress' | 'verifying' | 'closed';

export interface CaseView {
  id: string;
  status: CaseStatus;
  kind: string;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: string;
  reporter: { name: string; phone: string | null } | null;
  lead: string | null;
  coHandlers: string[];
  routing: RoutingDecision;
  deadline: string | null;
  nextReportDue: string | null;
  missedReports: number;
  overdue: boolean;
  escalationLevel: number;
  calendarUnknown?: boolean;
  dueSoon?: boolean;
  closeReason?: string | null;
  reportedAt: string;
  updatedAt: string;
  allowedActions: AllowedAction[];
}

export interface CaseEvent {
  seq: number;
  type: string;
  at: string;
  actor: { id: string; role: string; unitId: string | null; accountId?: string; name?: string };
  data: Record<string, unknown>;
  hash: string;
  prevHash: string | null;
}

export interface ChainVerification {
  ok: boolean;
  events: number;
  brokenAt?: number;
  findings: Array<{ message: string; seq?: number }>;
  checkpoint: { id: number; at: string; signatureValid: boolean | null } | null;
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
}

export interface Category {
  code: string;
  name: string;
}

export interface Locality {
  code: string;
  name: string;
}
