import type { Sql } from '../../../shared/db/sql';

type Row = Record<string, unknown>;

/** Everything the read model holds about one case, raw, for comparing two ways of getting there. */
export async function readModel(sql: Sql, caseId: string) {
  const [row] = await sql<Row[]>`SELECT * FROM cases WHERE id = ${caseId}`;
  const [events] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM case_events WHERE case_id = ${caseId}`;
  return {
    case: row!,
    reports: [...(await sql<Row[]>`SELECT * FROM case_reports WHERE case_id = ${caseId} ORDER BY seq`)],
    escalations: [...(await sql<Row[]>`SELECT * FROM case_escalations WHERE case_id = ${caseId} ORDER BY seq`)],
    extensions: [...(await sql<Row[]>`SELECT * FROM case_extensions WHERE case_id = ${caseId} ORDER BY seq`)],
    followUps: [...(await sql<Row[]>`SELECT * FROM case_follow_ups WHERE case_id = ${caseId} ORDER BY seq`)],
    eventCount: events!.n,
  };
}
