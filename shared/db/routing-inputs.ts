import type { Viewer } from '../domain/access';
import type { CaseKind } from '../domain/enums';
import type { RoutingInputGroup } from '../routing/what-if';
import type { LedgerFilter } from './ledger-filter';
import { and, ledgerConditions } from './ledger-sql';
import type { Sql, TransactionSql } from './sql';

// The routing inputs of past cases for the what-if (docs/routing-what-if.md), grouped in PostgreSQL
// by what routing reads (category, locality, kind): a million cases come back as the distinct inputs.
// The table is read in slices of its physical blocks (a TID range scan each), so a caller can be told
// how far the reading has got; all the slices read one snapshot (inOneSnapshot), so each case counts
// exactly once even while cases change underneath.

export interface ReadProgress {
  /** Blocks of the cases table read so far, of `total`. */
  done: number;
  total: number;
  /** Cases matched so far. */
  cases: number;
}

export interface SliceOptions {
  /** The smallest slice, in 8 kB blocks: 32 MB by default, so a small ledger is one query. */
  minSliceBlocks?: number;
  /**
   * At most this many slices. Each slice sends back its own groups, and a city's inputs are many (the
   * ledger bench: 120,000 of 1,000,000 cases), so every slice costs the sending and merging of most of
   * them again: there, one statement read in 1.9 s, four slices in 2.8 s, eight in 4.4 s. Four steps
   * show progress; more would cost more than they tell.
   */
  maxSlices?: number;
}

/** Runs `read` in one REPEATABLE READ, read-only transaction: every statement sees the same cases. */
export function inOneSnapshot<T>(sql: Sql, read: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin('isolation level repeatable read read only', read) as Promise<T>;
}

/** The filtered cases' distinct routing inputs with how many cases share each; in one snapshot. */
export async function readRoutingInputGroups(
  tx: TransactionSql,
  viewer: Viewer,
  filter: LedgerFilter,
  /** Awaited before the next slice is read (a test changes cases there, to see the snapshot hold). */
  onProgress: (progress: ReadProgress) => void | Promise<void> = () => undefined,
  { minSliceBlocks = 4096, maxSlices = 4 }: SliceOptions = {},
): Promise<RoutingInputGroup[]> {
  const [size] = await tx<{ blocks: number }[]>`
    SELECT (pg_relation_size('cases') / current_setting('block_size')::int)::int AS blocks`;
  const blocks = size!.blocks;
  const where = and(tx, await ledgerConditions(tx, viewer, filter));
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
    const rows = await tx<{ category: string; locality: string; kind: CaseKind; cases: number }[]>`
      SELECT c.category, c.locality, c.kind, count(*)::int AS cases
      FROM cases c WHERE ${range} AND ${where}
      GROUP BY c.category, c.locality, c.kind`;
    for (const row of rows) {
      cases += row.cases;
      const key = `${row.category}\u0000${row.locality}\u0000${row.kind}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, row);
      else group.cases += row.cases;
    }
    await onProgress({ done: Math.min(to, blocks), total: blocks, cases });
  }
  return [...groups.values()];
}

type Inputs = Pick<RoutingInputGroup, 'category' | 'locality' | 'kind'>;

/**
 * One case of each group (the latest reported that the filter takes), for examples a person can
 * open: a lookup per group on the ledger's locality index, asked only for the few groups shown.
 */
export async function sampleCases(
  tx: TransactionSql,
  viewer: Viewer,
  filter: LedgerFilter,
  groups: readonly Inputs[],
): Promise<Array<string | null>> {
  if (groups.length === 0) return [];
  const where = and(tx, await ledgerConditions(tx, viewer, filter));
  const rows = await tx<{ n: number; id: string | null }[]>`
    SELECT g.n::int AS n, s.id
    FROM unnest(${groups.map((g) => g.category)}::text[], ${groups.map((g) => g.locality)}::text[],
                ${groups.map((g) => g.kind)}::text[]) WITH ORDINALITY AS g(category, locality, kind, n)
    LEFT JOIN LATERAL (
      SELECT c.id FROM cases c
      WHERE c.locality = g.locality AND c.category = g.category AND c.kind = g.kind AND ${where}
      ORDER BY c.reported_at DESC, c.id DESC LIMIT 1) s ON TRUE
    ORDER BY g.n`;
  return rows.map((row) => row.id);
}
