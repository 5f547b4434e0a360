import type { Viewer } from '../domain/access';
import type { CaseKind } from '../domain/enums';
import type { RoutingInputGroup } from '../routing/what-if';
import type { LedgerFilter } from './ledger-filter';
import { and, ledgerConditions } from './ledger-sql';
import type { Sql } from './sql';

// The routing inputs of past cases for the what-if (docs/routing-what-if.md), grouped in PostgreSQL
// by what routing reads (category, locality, kind): a million cases come back as a few thousand rows.
// The table is read in slices of its physical blocks (a TID range scan each), so a caller can be told
// how far the reading has got; all the slices read one snapshot, so each case counts exactly once
// even while cases change underneath.

export interface ReadProgress {
  /** Blocks of the cases table read so far, of `total`. */
  done: number;
  total: number;
  /** Cases matched so far. */
  cases: number;
}

export interface SliceOptions {
  /** The smallest slice, in 8 kB blocks: about 8 MB by default, so a small ledger is one query. */
  minSliceBlocks?: number;
  /** At most this many slices: enough steps to show progress, few enough to cost nothing. */
  maxSlices?: number;
}

export async function readRoutingInputGroups(
  sql: Sql,
  viewer: Viewer,
  filter: LedgerFilter,
  /** Awaited before the next slice is read (a test changes cases there, to see the snapshot hold). */
  onProgress: (progress: ReadProgress) => void | Promise<void> = () => undefined,
  { minSliceBlocks = 1024, maxSlices = 16 }: SliceOptions = {},
): Promise<RoutingInputGroup[]> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [size] = await tx<{ blocks: number }[]>`
      SELECT (pg_relation_size('cases') / current_setting('block_size')::int)::int AS blocks`;
    const blocks = size!.blocks;
    const conditions = await ledgerConditions(tx, viewer, filter);
    const sliceBlocks = Math.max(minSliceBlocks, Math.ceil(blocks / maxSlices));
    const groups = new Map<string, RoutingInputGroup>();
    let cases = 0;
    for (let from = 0; from === 0 || from < blocks; from += sliceBlocks) {
      const to = from + sliceBlocks;
      // The last slice is open-ended: the table may have grown since its size was read.
      const range =
        to >= blocks
          ? tx`c.ctid >= ${`(${from},0)`}::tid`
          : tx`c.ctid >= ${`(${from},0)`}::tid AND c.ctid < ${`(${to},0)`}::tid`;
      const rows = await tx<{ category: string; locality: string; kind: CaseKind; cases: number; sample: string }[]>`
        SELECT c.category, c.locality, c.kind, count(*)::int AS cases, max(c.id) AS sample
        FROM cases c WHERE ${range} AND ${and(tx, conditions)}
        GROUP BY c.category, c.locality, c.kind`;
      for (const row of rows) {
        cases += row.cases;
        const key = `${row.category}\u0000${row.locality}\u0000${row.kind}`;
        const group = groups.get(key);
        if (group === undefined) {
          groups.set(key, {
            category: row.category,
            locality: row.locality,
            kind: row.kind,
            cases: row.cases,
            sampleCaseId: row.sample,
          });
        } else {
          group.cases += row.cases;
          if (row.sample > group.sampleCaseId) group.sampleCaseId = row.sample;
        }
      }
      await onProgress({ done: Math.min(to, blocks), total: blocks, cases });
    }
    return [...groups.values()];
  });
}
