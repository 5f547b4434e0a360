import { z } from 'zod';

// Where a locality is (migration 0020) and the little geometry matching needs: WGS 84 degrees,
// GeoJSON's order inside a boundary ([long, lat]), plain arithmetic, no GIS library.

const lat = z.number().min(-90).max(90);
const long = z.number().min(-180).max(180);

export const GeoPointSchema = z.object({ lat, long }).strict();

/** A closed ring of at least four positions, the last equal to the first (RFC 7946 §3.1.6). */
const RingSchema = z
  .array(z.tuple([long, lat]))
  .min(4)
  .max(10_000)
  .refine((ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1], 'the ring must be closed');

/** A GeoJSON Polygon: the outer ring, then any holes. */
export const GeoPolygonSchema = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema).min(1).max(100) })
  .strict();

export type GeoPoint = z.infer<typeof GeoPointSchema>;
export type GeoPolygon = z.infer<typeof GeoPolygonSchema>;
type Ring = GeoPolygon['coordinates'][number];

const EARTH_RADIUS_M = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance in metres (haversine). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.lat - a.lat);
  const dLong = radians(b.long - a.long);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Ray casting: a point exactly on an edge may fall either way, which matters nowhere a city draws. */
function ringContains(ring: Ring, { lat: y, long: x }: GeoPoint): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
export function polygonContains(polygon: GeoPolygon, point: GeoPoint): boolean {
  const [outer, ...holes] = polygon.coordinates;
  return ringContains(outer!, point) && !holes.some((hole) => ringContains(hole, point));
}

/**
 * The outer ring's area in square degrees (shoelace), holes subtracted: only ever compared between
 * localities of one city, where a degree of longitude is about as long in each, so no projection.
 */
export function polygonArea(polygon: GeoPolygon): number {
  const ringArea = (ring: Ring) =>
    Math.abs(
      ring.reduce(
        (sum, [x1, y1], i) => sum + x1 * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * y1,
        0,
      ),
    ) / 2;
  const [outer, ...holes] = polygon.coordinates;
  return ringArea(outer!) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
}
