import { randomBytes } from 'node:crypto';
import type { UnitKind } from '../domain/enums';
import { clampLimit, decodeKeyCursor, toPage, type Page, type PageRequest } from './pagination';
import { DuplicateKeyError, HierarchyCycleError, namingMissingReferences } from './reference-errors';
import { transaction, type Db } from './sql';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  webhookUrl: string | null;
  leaderName: string | null;
  leaderContact: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId?: string | null;
  webhookUrl?: string | null;
  leaderName?: string | null;
  leaderContact?: string | null;
}

/** Fields a PATCH may carry; an absent field is left alone, `null` clears it. */
export type UnitPatch = Partial<Omit<NewUnit, 'id'>>;

const MISSING = { units_parent_id_fkey: 'parentId' };

const columns = (db: Db) => db`
  id, name, kind, parent_id AS "parentId", webhook_url AS "webhookUrl", leader_name AS "leaderName",
  leader_contact AS "leaderContact", created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function getUnit(db: Db, id: string): Promise<Unit | null> {
  const [row] = await db<Unit[]>`SELECT ${columns(db)} FROM units WHERE id = ${id}`;
  return row ?? null;
}

export async function listUnits(db: Db, page: PageRequest & { kind?: UnitKind } = {}): Promise<Page<Unit>> {
  const limit = clampLimit(page.limit);
  const after = decodeKeyCursor(page.cursor);
  const rows = await db<Unit[]>`
    SELECT ${columns(db)} FROM units
    WHERE (${after}::text IS NULL OR id > ${after}) AND (${page.kind ?? null}::text IS NULL OR kind = ${page.kind ?? null})
    ORDER BY id LIMIT ${limit + 1}`;
  return toPage(rows, limit, (u) => [u.id]);
}

export async function createUnit(db: Db, unit: NewUnit): Promise<Unit> {
  const [row] = await namingMissingReferences(
    MISSING,
    () => db<Unit[]>`
      INSERT INTO units (id, name, kind, parent_id, webhook_url, leader_name, leader_contact)
      VALUES (${unit.id}, ${unit.name}, ${unit.kind}, ${unit.parentId ?? null}, ${unit.webhookUrl ?? null},
              ${unit.leaderName ?? null}, ${unit.leaderContact ?? null})
      ON CONFLICT (id) DO NOTHING
      RETURNING ${columns(db)}`,
  );
  if (!row) throw new DuplicateKeyError('unit', unit.id);
  return row;
}

/** Seeding: creates the unit or brings it in line; optional fields left out keep their stored value. */
export async function upsertUnit(db: Db, unit: NewUnit): Promise<void> {
  await namingMissingReferences(
    MISSING,
    () => db`
      INSERT INTO units (id, name, kind, parent_id, webhook_url, leader_name, leader_contact)
      VALUES (${unit.id}, ${unit.name}, ${unit.kind}, ${unit.parentId ?? null}, ${unit.webhookUrl ?? null},
              ${unit.leaderName ?? null}, ${unit.leaderContact ?? null})
      ON CONFLICT (id) DO UPDATE SET
        name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
        webhook_url = CASE WHEN ${unit.webhookUrl !== undefined} THEN EXCLUDED.webhook_url ELSE units.webhook_url END,
        leader_name = CASE WHEN ${unit.leaderName !== undefined} THEN EXCLUDED.leader_name ELSE units.leader_name END,
        leader_contact = CASE WHEN ${unit.leaderContact !== undefined}
                              THEN EXCLUDED.leader_contact ELSE units.leader_contact END,
        updated_at = now()`,
  );
}

/** Applies a PATCH; null when the unit does not exist. Refuses a parent that would make a cycle. */
export async function updateUnit(db: Db, id: string, patch: UnitPatch): Promise<Unit | null> {
  return transaction(db, async (tx) => {
    const [current] = await tx`SELECT 1 FROM units WHERE id = ${id} FOR UPDATE`;
    if (!current) return null;
    if (patch.parentId) {
      const [cycle] = await tx`
        WITH RECURSIVE up(id) AS (
          SELECT ${patch.parentId}::text
          UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
        SELECT 1 FROM up WHERE id = ${id}`;
      if (cycle) throw new HierarchyCycleError('unit', id, patch.parentId);
    }
    const set = definedColumns({
      name: patch.name,
      kind: patch.kind,
      parent_id: patch.parentId,
      webhook_url: patch.webhookUrl,
      leader_name: patch.leaderName,
      leader_contact: patch.leaderContact,
    });
    if (Object.keys(set).length === 0) return getUnit(tx, id);
    // The column list comes from the fixed object above, never from the caller's keys.
    const [row] = await namingMissingReferences(
      MISSING,
      () => tx<Unit[]>`UPDATE units SET ${tx(set)}, updated_at = now() WHERE id = ${id} RETURNING ${columns(tx)}`,
    );
    return row ?? null;
  });
}

/** The columns a PATCH sets: `undefined` means "not sent", which postgres.js would refuse anyway. */
export function definedColumns(values: Record<string, unknown>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number | boolean | null
  >;
}

/**
 * Gives the unit a new webhook secret, replacing its old one at once (the next delivery attempt signs
 * with it); null when the unit does not exist. The caller shows it once: nothing reads it back but
 * the deliveries.
 */
export async function rotateWebhookSecret(db: Db, unitId: string): Promise<{ secret: string; rotatedAt: Date } | null> {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await db<{ rotatedAt: Date }[]>`
    INSERT INTO unit_webhook_secrets (unit_id, secret)
    SELECT id, ${secret} FROM units WHERE id = ${unitId}
    ON CONFLICT (unit_id) DO UPDATE SET secret = EXCLUDED.secret, rotated_at = now()
    RETURNING rotated_at AS "rotatedAt"`;
  return row ? { secret, rotatedAt: row.rotatedAt } : null;
}

/** Whether the unit signs with its own secret (never the secret itself). */
export async function hasWebhookSecret(db: Db, unitId: string): Promise<boolean> {
  const [row] = await db`SELECT 1 FROM unit_webhook_secrets WHERE unit_id = ${unitId}`;
  return row !== undefined;
}
