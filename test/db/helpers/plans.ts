// EXPLAIN for the ledger's real SQL: a second connection records the text and parameters of the
// query listLedger sends, then asks PostgreSQL how it would run it.
import postgres from 'postgres';
import { listLedger } from '../../../shared/db/ledger';
import type { LedgerFilter } from '../../../shared/db/ledger-filter';
import type { Viewer } from '../../../shared/domain/access';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

export const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

export async function explainLedgerPage(url: string, viewer: Viewer, filter: LedgerFilter): Promise<PlanNode> {
  const sent: Array<{ query: string; parameters: unknown[] }> = [];
  const spy = postgres(url, {
    max: 1,
    connection: { plan_cache_mode: 'force_custom_plan' },
    debug: (_connection, query, parameters) => sent.push({ query, parameters: parameters as unknown[] }),
  });
  try {
    await listLedger(spy, viewer, filter, { limit: 50 });
    const { query, parameters } = sent[sent.length - 1]!;
    const [row] = await spy.unsafe<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }[]>(
      `EXPLAIN (FORMAT JSON) ${query}`,
      parameters as never[],
    );
    return row!['QUERY PLAN'][0]!.Plan;
  } finally {
    await spy.end();
  }
}
