// Visit progress (走访进度): visits per target type against the campaign's targets, for the whole
// campaign and per unit. The campaign's own target for a type is the one set without a unit; when
// only units' shares were set, their sum.
import type { CampaignTarget, VisitCount } from '../db/campaigns';
import { TARGET_TYPES, type TargetType } from '../domain/enums';

export interface TypeProgress {
  targetType: TargetType;
  target: number | null;
  visited: number;
  percent: number | null;
}

export interface UnitProgress {
  unitId: string;
  unitName: string | null;
  visited: number;
  byType: TypeProgress[];
}

export interface Progress {
  overall: { visited: number; byType: TypeProgress[] };
  units: UnitProgress[];
}

const percentOf = (visited: number, target: number | null) =>
  target === null || target === 0 ? null : Math.round((visited / target) * 1000) / 10;

function byType(targets: Map<TargetType, number>, visits: Map<TargetType, number>): TypeProgress[] {
  return TARGET_TYPES.map((targetType) => {
    const target = targets.get(targetType) ?? null;
    const visited = visits.get(targetType) ?? 0;
    return { targetType, target, visited, percent: percentOf(visited, target) };
  });
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * Units are those with a target or with visits (a team visiting without a share still shows). Visits
 * recorded without a unit count in the overall figures only.
 */
export function campaignProgress(
  targets: readonly CampaignTarget[],
  counts: readonly VisitCount[],
  unitNames: ReadonlyMap<string, string>,
): Progress {
  const overallTargets = new Map<TargetType, number>();
  const unitTargets = new Map<string, Map<TargetType, number>>();
  for (const t of targets) {
    if (t.unitId === null) overallTargets.set(t.targetType, t.count);
    else
      unitTargets.set(
        t.unitId,
        (unitTargets.get(t.unitId) ?? new Map<TargetType, number>()).set(t.targetType, t.count),
      );
  }
  for (const type of TARGET_TYPES) {
    if (overallTargets.has(type)) continue;
    const shares = [...unitTargets.values()].filter((m) => m.has(type)).map((m) => m.get(type)!);
    if (shares.length > 0) overallTargets.set(type, sum(shares));
  }

  const overallVisits = new Map<TargetType, number>();
  const unitVisits = new Map<string, Map<TargetType, number>>();
  for (const c of counts) {
    if (c.total) overallVisits.set(c.targetType, c.visits);
    else if (c.unitId !== null) {
      unitVisits.set(c.unitId, (unitVisits.get(c.unitId) ?? new Map<TargetType, number>()).set(c.targetType, c.visits));
    }
  }

  const unitIds = [...new Set([...unitTargets.keys(), ...unitVisits.keys()])].sort();
  return {
    overall: { visited: sum(overallVisits.values()), byType: byType(overallTargets, overallVisits) },
    units: unitIds.map((unitId) => {
      const visits = unitVisits.get(unitId) ?? new Map<TargetType, number>();
      return {
        unitId,
        unitName: unitNames.get(unitId) ?? null,
        visited: sum(visits.values()),
        byType: byType(unitTargets.get(unitId) ?? new Map<TargetType, number>(), visits),
      };
    }),
  };
}
