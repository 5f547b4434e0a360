import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/actor';
import type { TargetType } from '../domain/enums';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from './pagination';
import { namingMissingReferences } from './reference-errors';
import { transaction, type Db } from './sql';

// 大走访活动: a campaign, its targets per target type (the city's and each unit's share), and the
// visits counted against them.

export interface CampaignTarget {
  unitId: string | null;
  targetType: TargetType;
  count: number;
}

export interface Campaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  targets: CampaignTarget[];
  createdAt: Date;
}

export interface NewCampaign {
  name: string;
  startsOn: string;
  endsOn: string;
  targets: Array<{ unitId?: string | null | undefined; targetType: TargetType; count: number }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createCampaign(db: Db, input: NewCampaign, createdBy: Actor): Promise<Campaign> {
  const id = randomUUID();
  await transaction(db, async (tx) => {
    await tx`
      INSERT INTO campaigns (id, name, starts_on, ends_on, created_by)
      VALUES (${id}, ${input.name}, ${input.startsOn}, ${input.endsOn}, ${tx.json(createdBy as never)})`;
    if (input.targets.length === 0) return;
    const rows = input.targets.map((t) => ({
      campaign_id: id,
      unit_id: t.unitId ?? null,
      target_type: t.targetType,
      count: t.count,
    }));
    // The unit's foreign key names the field, so an unknown unit is a 422 without a racy pre-check.
    await namingMissingReferences(
      { campaign_targets_unit_id_fkey: 'targets.unitId' },
      () => tx`INSERT INTO campaign_targets ${tx(rows)}`,
    );
  });
  return (await getCampaign(db, id))!;
}

const columns = (db: Db) => db`
  c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
  c.created_at AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('unitId', t.unit_id, 'targetType', t.target_type, 'count', t.count)
                            ORDER BY t.unit_id NULLS FIRST, t.target_type)
            FROM campaign_targets t WHERE t.campaign_id = c.id), '[]') AS targets`;

export async function getCampaign(db: Db, id: string): Promise<Campaign | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db<Campaign[]>`SELECT ${columns(db)} FROM campaigns c WHERE c.id = ${id}`;
  return row ?? null;
}

/** Newest campaign first, keyset-paged by (starts_on, id). */
export async function listCampaigns(db: Db, page: PageRequest = {}): Promise<Page<Campaign>> {
  const limit = clampLimit(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor, z.tuple([z.iso.date(), z.uuid()])) : null;
  const rows = await db<Campaign[]>`
    SELECT ${columns(db)} FROM campaigns c
    WHERE ${after === null} OR (c.starts_on, c.id) < (${after?.[0] ?? null}::date, ${after?.[1] ?? null}::uuid)
    ORDER BY c.starts_on DESC, c.id DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit, (c) => [c.startsOn, c.id]);
}

export interface VisitCount {
  targetType: TargetType;
  /** Null: every visit of this type, whatever its unit (the campaign's total). */
  unitId: string | null;
  total: boolean;
  visits: number;
}

/** Visits per (type, unit) and per type overall, in one pass over the campaign's visits. */
export async function countCampaignVisits(db: Db, campaignId: string): Promise<VisitCount[]> {
  return db<VisitCount[]>`
    SELECT target_type AS "targetType", unit_id AS "unitId", GROUPING(unit_id) = 1 AS total, count(*)::int AS visits
    FROM visits WHERE campaign_id = ${campaignId}
    GROUP BY GROUPING SETS ((target_type, unit_id), (target_type))`;
}

/** Names of the given units, for the progress table. */
export async function unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db<{ id: string; name: string }[]>`SELECT id, name FROM units WHERE id = ANY(${[...ids]})`;
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of the given references exist: what a visit (and the cases it reports) names. */
export async function existingReferences(
  db: Db,
  wanted: { units: string[]; localities: string[]; categories: string[] },
): Promise<{ units: Set<string>; localities: Set<string>; categories: Set<string> }> {
  const [units, localities, categories] = await Promise.all([
    db<{ id: string }[]>`SELECT id FROM units WHERE id = ANY(${wanted.units})`,
    db<{ id: string }[]>`SELECT code AS id FROM localities WHERE code = ANY(${wanted.localities})`,
    db<{ id: string }[]>`SELECT code AS id FROM categories WHERE code = ANY(${wanted.categories})`,
  ]);
  const ids = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
  return { units: ids(units), localities: ids(localities), categories: ids(categories) };
}
