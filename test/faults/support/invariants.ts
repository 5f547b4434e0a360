// What must hold after any fault, once the system has recovered (issue 7, fault suite): every
// accepted case exists exactly once (one workflow, one `cases` row), reached its expected state, has
// an audit chain that verifies, and its read model says what its workflow says.
import type { Client } from '@temporalio/client';
import { caseStateQuery, type CaseState } from '../../../shared/contracts/case';
import { verifyCaseChain } from '../../../shared/db/case-chain';
import type { Sql } from '../../../shared/db/sql';
import type { CaseStatus } from '../../../shared/domain/enums';
import type { Submission } from './submit';

export interface ExpectedCase {
  caseId: string;
  expected: CaseStatus;
}

export interface InvariantReport {
  /** Accepted cases. */
  cases: number;
  /** Accepted cases with no `cases` row or no workflow: must be 0. */
  lost: number;
  /** Keys answered with two case ids, ids with two workflows, rows or workflows nobody was told about. */
  duplicates: number;
  orphanWorkflows: number;
  orphanRows: number;
  /** Cases whose workflow or read model is not in the expected state. */
  wrongState: number;
  /** Cases whose read model differs from the workflow's state (seq, status, lead, overdue, escalation). */
  readModelMismatch: number;
  brokenChains: number;
  /** Reporter rows no case references (a failed attempt left them): reported, not a case invariant. */
  orphanReporters: number;
  problems: string[];
}

export function acceptedCases(submissions: Submission[]): ExpectedCase[] {
  return submissions.filter((s) => s.accepted).map((s) => ({ caseId: s.caseIds[0]!, expected: s.expected }));
}

async function caseWorkflowIds(client: Client): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  for await (const info of client.workflow.list({ query: `WorkflowType = 'caseWorkflow'` })) {
    runs.set(info.workflowId, (runs.get(info.workflowId) ?? 0) + 1);
  }
  return runs;
}

export async function checkInvariants(
  sql: Sql,
  client: Client,
  cases: ExpectedCase[],
  options: { statusOverride?: Partial<Record<CaseStatus, CaseStatus>> } = {},
): Promise<InvariantReport> {
  const problems: string[] = [];
  const ids = cases.map((c) => c.caseId);
  const report: InvariantReport = {
    cases: cases.length,
    lost: 0,
    duplicates: new Set(ids).size === ids.length ? 0 : ids.length - new Set(ids).size,
    orphanWorkflows: 0,
    orphanRows: 0,
    wrongState: 0,
    readModelMismatch: 0,
    brokenChains: 0,
    orphanReporters: 0,
    problems,
  };
  const rows = await sql<
    Array<{ id: string; seq: number; status: CaseStatus; lead: string | null; overdue: boolean; level: number }>
  >`SELECT id, seq, status, lead_unit_id AS lead, overdue, escalation_level AS level FROM cases`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const workflows = await caseWorkflowIds(client);
  const wanted = new Set(ids);
  report.orphanRows = rows.filter((r) => !wanted.has(r.id)).length;
  report.orphanWorkflows = [...workflows.keys()].filter((id) => !wanted.has(id)).length;
  if (report.orphanRows) problems.push(`${report.orphanRows} cases rows nobody was answered with`);
  if (report.orphanWorkflows) problems.push(`${report.orphanWorkflows} case workflows nobody was answered with`);

  for (const { caseId, expected: asked } of cases) {
    const expected = options.statusOverride?.[asked] ?? asked;
    const row = byId.get(caseId);
    const runs = workflows.get(caseId) ?? 0;
    if (!row || runs === 0) {
      report.lost++;
      problems.push(`${caseId}: ${row ? '' : 'no cases row '}${runs === 0 ? 'no workflow' : ''}`);
      continue;
    }
    if (runs > 1) {
      report.duplicates++;
      problems.push(`${caseId}: ${runs} workflow runs`);
    }
    const state: CaseState = await client.workflow.getHandle(caseId).query(caseStateQuery);
    if (state.status !== expected || row.status !== expected) {
      report.wrongState++;
      problems.push(`${caseId}: expected ${expected}, workflow ${state.status}, read model ${row.status}`);
    }
    if (
      row.seq !== state.seq ||
      row.status !== state.status ||
      row.lead !== state.lead ||
      row.overdue !== state.overdue ||
      row.level !== state.escalationLevel
    ) {
      report.readModelMismatch++;
      problems.push(`${caseId}: read model seq ${row.seq} ${row.status}, workflow seq ${state.seq} ${state.status}`);
    }
    const chain = await verifyCaseChain(sql, caseId);
    if (!chain.ok || chain.events !== state.seq) {
      report.brokenChains++;
      problems.push(
        `${caseId}: chain ${chain.ok ? 'ok' : `broken at ${chain.brokenAt}`}, ${chain.events} events, seq ${state.seq}`,
      );
    }
  }
  const [orphans] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM reporters r WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.reporter_id = r.id)`;
  report.orphanReporters = orphans!.n;
  return report;
}

export const holds = (r: InvariantReport): boolean =>
  r.lost === 0 &&
  r.duplicates === 0 &&
  r.orphanWorkflows === 0 &&
  r.orphanRows === 0 &&
  r.wrongState === 0 &&
  r.readModelMismatch === 0 &&
  r.brokenChains === 0;

/**
 * Checks until everything holds or `timeoutMs` passes (activities may still be retrying after the
 * fault); answers the last report and how long convergence took.
 */
export async function convergence(
  sql: Sql,
  client: Client,
  cases: ExpectedCase[],
  timeoutMs: number,
  options: { statusOverride?: Partial<Record<CaseStatus, CaseStatus>> } = {},
): Promise<{ report: InvariantReport; ms: number }> {
  const started = Date.now();
  for (;;) {
    const report = await checkInvariants(sql, client, cases, options).catch((error: unknown): InvariantReport => ({
      ...emptyReport(cases.length),
      problems: [`check failed: ${error instanceof Error ? error.message : String(error)}`],
      lost: -1,
    }));
    if (holds(report) || Date.now() - started > timeoutMs) return { report, ms: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function emptyReport(cases: number): InvariantReport {
  return {
    cases,
    lost: 0,
    duplicates: 0,
    orphanWorkflows: 0,
    orphanRows: 0,
    wrongState: 0,
    readModelMismatch: 0,
    brokenChains: 0,
    orphanReporters: 0,
    problems: [],
  };
}
