import { clampLimit, decodeKeyCursor, toPage, type Page, type PageRequest } from './pagination';
import { DuplicateKeyError, HierarchyCycleError, namingMissingReferences } from './reference-errors';
import { transaction, type Db } from './sql';
import { definedColumns } from './units';
import type { GeoPoint, GeoPolygon } from '../open311/geometry';

export interface Locality {
  code: string;
  name: string;
  parentCode: string | null;
  governingUnitId: string | null;
  /** Where it is (migration 0020): a point and a boundary, each optional; Open311 matches lat/long on them. */
  point: GeoPoint | null;
  boundary: GeoPolygon | null;
  createdAt: Date;
}

export interface NewLocality {
  code: string;
  name: string;
  parentCode?: string | null;
  governingUnitId?: string | null;
  point?: GeoPoint | null;
  boundary?: GeoPolygon | null;
}

/** No route patches a locality's geometry yet: it is set when the locality is created or seeded. */
export type LocalityPatch = Partial<Omit<NewLocality, 'code' | 'point' | 'boundary'>>;

const MISSING = {
  localities_parent_code_fkey: 'parentCode',
  localities_governing_unit_id_fkey: 'governingUnitId',
};

const columns = (db: Db) => db`
  code, name, parent_code AS "parentCode", governing_unit_id AS "governingUnitId",
  CASE WHEN lat IS NULL THEN NULL ELSE jsonb_build_object('lat', lat, 'long', long) END AS point, boundary,
  created_at AS "createdAt"`;

export async function getLocality(db: Db, code: string): Promise<Locality | null> {
  const [row] = await db<Locality[]>`SELECT ${columns(db)} FROM localities WHERE code = ${code}`;
  return row ?? null;
}

/** Lists localities by code; `parentCode` narrows to one level of the tree (`null`: the roots). */
export async function listLocalities(
  db: Db,
  page: PageRequest & { parentCode?: string | null } = {},
): Promise<Page<Locality>> {
  const limit = clampLimit(page.limit);
  const after = decodeKeyCursor(page.cursor);
  const byParent = page.parentCode !== undefined;
  const rows = await db<Locality[]>`
    SELECT ${columns(db)} FROM localities
    WHERE (${after}::text IS NULL OR code > ${after})
      AND (NOT ${byParent} OR parent_code IS NOT DISTINCT FROM ${page.parentCode ?? null})
    ORDER BY code LIMIT ${limit + 1}`;
  return toPage(rows, limit, (l) => [l.code]);
}

export async function createLocality(db: Db, locality: NewLocality): Promise<Locality> {
  const [row] = await namingMissingReferences(
    MISSING,
    () => db<Locality[]>`
      INSERT INTO localities (code, name, parent_code, governing_unit_id, lat, long, boundary)
      VALUES (${locality.code}, ${locality.name}, ${locality.parentCode ?? null}, ${locality.governingUnitId ?? null},
              ${locality.point?.lat ?? null}, ${locality.point?.long ?? null},
              ${locality.boundary ? db.json(locality.boundary) : null})
      ON CONFLICT (code) DO NOTHING
      RETURNING ${columns(db)}`,
  );
  if (!row) throw new DuplicateKeyError('locality', locality.code);
  return row;
}

/** Seeding: creates the locality or brings it in line with the given fields. */
export async function upsertLocality(db: Db, locality: NewLocality): Promise<void> {
  await namingMissingReferences(
    MISSING,
    () => db`
      INSERT INTO localities (code, name, parent_code, governing_unit_id, lat, long, boundary)
      VALUES (${locality.code}, ${locality.name}, ${locality.parentCode ?? null}, ${locality.governingUnitId ?? null},
              ${locality.point?.lat ?? null}, ${locality.point?.long ?? null},
              ${locality.boundary ? db.json(locality.boundary) : null})
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code,
        governing_unit_id = EXCLUDED.governing_unit_id,
        -- A seed without geometry keeps what an admin set.
        lat = coalesce(EXCLUDED.lat, localities.lat), long = coalesce(EXCLUDED.long, localities.long),
        boundary = coalesce(EXCLUDED.boundary, localities.boundary)`,
  );
}

export async function updateLocality(db: Db, code: string, patch: LocalityPatch): Promise<Locality | null> {
  return transaction(db, async (tx) => {
    const [current] = await tx`SELECT 1 FROM localities WHERE code = ${code} FOR UPDATE`;
    if (!current) return null;
    if (patch.parentCode && (await localitySubtree(tx, code)).includes(patch.parentCode)) {
      throw new HierarchyCycleError('locality', code, patch.parentCode);
    }
    const set = definedColumns({
      name: patch.name,
      parent_code: patch.parentCode,
      governing_unit_id: patch.governingUnitId,
    });
    if (Object.keys(set).length === 0) return getLocality(tx, code);
    const [row] = await namingMissingReferences(
      MISSING,
      () => tx<Locality[]>`UPDATE localities SET ${tx(set)} WHERE code = ${code} RETURNING ${columns(tx)}`,
    );
    return row ?? null;
  });
}

/**
 * The locality and every locality below it (the ledger's locality filter). The code itself is
 * always included, known or not; `UNION` rather than `UNION ALL` ends even on a cycle.
 */
export async function localitySubtree(db: Db, code: string): Promise<string[]> {
  const rows = await db<{ code: string }[]>`
    WITH RECURSIVE sub(code) AS (
      SELECT ${code}::text
      UNION SELECT l.code FROM localities l JOIN sub ON l.parent_code = sub.code)
    SELECT code FROM sub ORDER BY code`;
  return rows.map((r) => r.code);
}
