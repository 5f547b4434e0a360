import type { Viewer } from '../domain/access';
import { scopeCondition } from '../db/ledger-sql';
import type { Db, Fragment } from '../db/sql';
import type { GeoPoint } from './geometry';
import type { LocatedBy, PlacedLocality } from './locality-match';

// The reads and the one write of the Open311 routes. No query here selects a reporter's column:
// reporter data cannot reach an Open311 answer because it is never read (docs/open311.md "Privacy").

export async function loadPlacedLocalities(db: Db): Promise<PlacedLocality[]> {
  return db<PlacedLocality[]>`
    SELECT code, name, parent_code AS "parentCode",
      CASE WHEN lat IS NULL THEN NULL ELSE jsonb_build_object('lat', lat, 'long', long) END AS point, boundary
    FROM localities`;
}

/** Where the request said it was; a replay writes nothing new (the first location stands). */
export async function recordRequestLocation(
  db: Db,
  caseId: string,
  where: { address: string | null; point: GeoPoint | null; locatedBy: LocatedBy },
): Promise<void> {
  await db`
    INSERT INTO open311_requests (case_id, address, lat, long, located_by)
    VALUES (${caseId}, ${where.address}, ${where.point?.lat ?? null}, ${where.point?.long ?? null}, ${where.locatedBy})
    ON CONFLICT (case_id) DO NOTHING`;
}

export async function unitName(db: Db, unitId: string | null): Promise<string | null> {
  if (unitId === null) return null;
  const [row] = await db<{ name: string }[]>`SELECT name FROM units WHERE id = ${unitId}`;
  return row?.name ?? null;
}

/** A case as Open311 shows it: public fields only. */
export interface RequestRow {
  id: string;
  status: string;
  closeReason: string | null;
  serviceCode: string;
  serviceName: string | null;
  description: string;
  agency: string | null;
  reportedAt: Date;
  updatedAt: Date;
  deadline: Date | null;
  address: string | null;
  lat: number | null;
  long: number | null;
}

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Array<'open' | 'closed'>;
  from?: Date;
  to?: Date;
  limit: number;
}

const select = (db: Db) => db`
  SELECT c.id, c.status, c.close_reason AS "closeReason", c.category AS "serviceCode", cat.name AS "serviceName",
    c.description, u.name AS agency, c.reported_at AS "reportedAt", c.updated_at AS "updatedAt", c.deadline,
    o.address, o.lat, o.long
  FROM cases c
    LEFT JOIN categories cat ON cat.code = c.category
    LEFT JOIN units u ON u.id = c.lead_unit_id
    LEFT JOIN open311_requests o ON o.case_id = c.id`;

/** The viewer's scope first (shared/db/ledger-sql.ts), so no filter widens what a key sees. */
export async function listRequests(db: Db, viewer: Viewer, filter: RequestFilter): Promise<RequestRow[]> {
  const conditions: Fragment[] = [scopeCondition(db, viewer)];
  if (filter.ids) conditions.push(db`c.id = ANY(${filter.ids}::text[])`);
  if (filter.serviceCodes) conditions.push(db`c.category = ANY(${filter.serviceCodes}::text[])`);
  if (filter.statuses?.length === 1) {
    conditions.push(filter.statuses[0] === 'closed' ? db`c.status = 'closed'` : db`c.status <> 'closed'`);
  }
  if (filter.from) conditions.push(db`c.reported_at >= ${filter.from}`);
  if (filter.to) conditions.push(db`c.reported_at <= ${filter.to}`);
  const where = conditions.reduce((all, condition) => db`${all} AND ${condition}`);
  return db<RequestRow[]>`${select(db)} WHERE ${where} ORDER BY c.reported_at DESC, c.id DESC LIMIT ${filter.limit}`;
}

export async function findRequest(db: Db, viewer: Viewer, id: string): Promise<RequestRow | null> {
  const [row] = await listRequests(db, viewer, { ids: [id], limit: 1 });
  return row ?? null;
}
