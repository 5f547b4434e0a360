// The locality tree (属地): city → township/street → village/community → …, each node knowing its
// ancestors and the nearest governing unit, computed once so routing never walks the tree twice.
import type { RoutingLocality } from './types';

export interface LocalityNode {
  code: string;
  name: string;
  parentCode: string | null;
  /** 0 for a root. */
  depth: number;
  /** This locality first, then each ancestor up to the root: the order in which rules are probed. */
  chain: readonly string[];
  /** The nearest locality at or above this one with a governing unit, or null when none has one. */
  governing: { unitId: string; localityCode: string } | null;
}

/**
 * Builds the tree from reference rows. A parent that does not exist makes its child a root, and a
 * cycle (which the reference data should never hold) is cut where it closes, so that routing stays
 * total and deterministic whatever the rows say.
 */
export function buildLocalityTree(localities: readonly RoutingLocality[]): ReadonlyMap<string, LocalityNode> {
  const rows = new Map<string, RoutingLocality>();
  for (const row of localities) if (!rows.has(row.code)) rows.set(row.code, row);

  const nodes = new Map<string, LocalityNode>();
  for (const row of rows.values()) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let governing: LocalityNode['governing'] = null;
    for (let at: RoutingLocality | undefined = row; at && !seen.has(at.code); at = parentOf(rows, at)) {
      seen.add(at.code);
      chain.push(at.code);
      if (!governing && at.governingUnitId) governing = { unitId: at.governingUnitId, localityCode: at.code };
    }
    nodes.set(row.code, {
      code: row.code,
      name: row.name,
      parentCode: row.parentCode ?? null,
      depth: chain.length - 1,
      chain,
      governing,
    });
  }
  return nodes;
}

function parentOf(rows: ReadonlyMap<string, RoutingLocality>, row: RoutingLocality): RoutingLocality | undefined {
  return row.parentCode ? rows.get(row.parentCode) : undefined;
}

/** True when `code` is `ancestorCode` or lies below it. */
export function isWithin(tree: ReadonlyMap<string, LocalityNode>, code: string, ancestorCode: string): boolean {
  return tree.get(code)?.chain.includes(ancestorCode) ?? false;
}
