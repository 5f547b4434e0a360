import type { GeoPoint, GeoPolygon } from './geometry';
import { distanceMetres, polygonArea, polygonContains } from './geometry';

// docs/open311.md "Locality": which 属地 an Open311 request is in. A pure function of the request's
// location and the locality tree, so the rule is tested without a database.

export interface PlacedLocality {
  code: string;
  name: string;
  parentCode: string | null;
  point: GeoPoint | null;
  boundary: GeoPolygon | null;
}

export type LocatedBy = 'boundary' | 'nearest' | 'address' | 'fallback';

export interface LocalityMatch {
  code: string;
  locatedBy: LocatedBy;
}

/** How far a point may be from a locality's point and still be placed there (no boundary contained it). */
export const NEAREST_WITHIN_METRES = 5_000;

/** How deep a locality sits in the tree (a root is 0); a cycle, which the API refuses anyway, stops the count. */
function depthOf(localities: Map<string, PlacedLocality>, code: string): number {
  let depth = 0;
  const seen = new Set([code]);
  for (let parent = localities.get(code)?.parentCode; parent != null && !seen.has(parent); depth++) {
    seen.add(parent);
    parent = localities.get(parent)?.parentCode;
  }
  return depth;
}

/** The smallest boundary that contains the point; else the nearest point within NEAREST_WITHIN_METRES. */
export function matchPoint(localities: readonly PlacedLocality[], point: GeoPoint): LocalityMatch | null {
  const containing = localities
    .filter((l) => l.boundary !== null && polygonContains(l.boundary, point))
    .map((l) => ({ code: l.code, area: polygonArea(l.boundary!) }))
    .sort((a, b) => a.area - b.area || a.code.localeCompare(b.code));
  if (containing.length > 0) return { code: containing[0]!.code, locatedBy: 'boundary' };
  const nearest = localities
    .filter((l) => l.point !== null)
    .map((l) => ({ code: l.code, metres: distanceMetres(point, l.point!) }))
    .filter((l) => l.metres <= NEAREST_WITHIN_METRES)
    .sort((a, b) => a.metres - b.metres || a.code.localeCompare(b.code));
  return nearest.length > 0 ? { code: nearest[0]!.code, locatedBy: 'nearest' } : null;
}

/**
 * The most specific locality whose name the address contains: the deepest in the tree, then the
 * longest name (兴义市兴泰街道… names both the city and the street: the street wins).
 */
export function matchAddress(localities: readonly PlacedLocality[], address: string): LocalityMatch | null {
  const byCode = new Map(localities.map((l) => [l.code, l]));
  const named = localities
    .filter((l) => l.name.length > 0 && address.includes(l.name))
    .map((l) => ({ code: l.code, depth: depthOf(byCode, l.code), length: [...l.name].length }))
    .sort((a, b) => b.depth - a.depth || b.length - a.length || a.code.localeCompare(b.code));
  return named.length > 0 ? { code: named[0]!.code, locatedBy: 'address' } : null;
}

/**
 * Where an unmatched request goes: the root of the tree (the city the endpoint serves), whose
 * routing leaves a case no business owner takes to triage (docs/open311.md). With several roots,
 * the first by code; with no locality at all, null: the endpoint is not set up (503).
 */
export function fallbackLocality(localities: readonly PlacedLocality[]): LocalityMatch | null {
  const roots = localities.filter((l) => l.parentCode === null).sort((a, b) => a.code.localeCompare(b.code));
  return roots.length > 0 ? { code: roots[0]!.code, locatedBy: 'fallback' } : null;
}

/** The point first (it is precise), then the address, then the fallback. */
export function matchLocality(
  localities: readonly PlacedLocality[],
  where: { point: GeoPoint | null; address: string | null },
): LocalityMatch | null {
  return (
    (where.point && matchPoint(localities, where.point)) ||
    (where.address && matchAddress(localities, where.address)) ||
    fallbackLocality(localities)
  );
}
