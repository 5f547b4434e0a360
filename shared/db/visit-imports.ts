import type { Actor } from '../domain/actor';
import type { Db } from './sql';

// One upload of visits (POST /v1/campaigns/{id}/visits/import) and its outcome.

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export interface ImportOutcome {
  importId: string;
  imported: number;
  failed: number;
  errors: ImportError[];
  /** More rows failed than `errors` lists (the list is capped). */
  errorsTruncated: boolean;
}

export type ImportClaim =
  | { outcome: 'new' }
  | { outcome: 'finished'; result: ImportOutcome }
  /** The same key's upload is still running (or died mid-way): its rows are partly stored. */
  | { outcome: 'running'; importId: string };

/**
 * Opens an import. With an Idempotency-Key, a second upload with the same key gets the first one's
 * result (or `running`), so a retry after a lost response stores nothing twice.
 */
export async function openVisitImport(
  db: Db,
  input: { id: string; campaignId: string; tokenId: string; key: string | null; contentType: string; actor: Actor },
): Promise<ImportClaim> {
  const inserted = await db`
    INSERT INTO visit_imports (id, campaign_id, token_id, idempotency_key, content_type, recorded_by)
    VALUES (${input.id}, ${input.campaignId}, ${input.tokenId}, ${input.key}, ${input.contentType},
            ${db.json(input.actor as never)})
    ON CONFLICT (token_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id`;
  if (inserted.length === 1) return { outcome: 'new' };
  const [existing] = await db<(ImportOutcome & { finished: boolean })[]>`
    SELECT id AS "importId", imported, failed, errors, errors_truncated AS "errorsTruncated",
           finished_at IS NOT NULL AS finished
    FROM visit_imports WHERE token_id = ${input.tokenId} AND idempotency_key = ${input.key}`;
  if (!existing) throw new Error('import key vanished between insert and read');
  const { finished, ...result } = existing;
  return finished ? { outcome: 'finished', result } : { outcome: 'running', importId: existing.importId };
}

export async function finishVisitImport(db: Db, result: ImportOutcome): Promise<void> {
  await db`
    UPDATE visit_imports
    SET finished_at = now(), imported = ${result.imported}, failed = ${result.failed},
        errors = ${db.json(result.errors as never)}, errors_truncated = ${result.errorsTruncated}
    WHERE id = ${result.importId}`;
}

/** An upload refused as a whole (a missing column, an unreadable file) leaves no import behind. */
export async function dropVisitImport(db: Db, importId: string): Promise<void> {
  await db`DELETE FROM visit_imports WHERE id = ${importId} AND NOT EXISTS (SELECT 1 FROM visits WHERE import_id = ${importId})`;
}

/** Codes and names of localities and units, for rows that name a place or a unit instead of its code. */
export async function loadImportLookups(db: Db): Promise<{
  localities: Array<{ code: string; name: string }>;
  units: Array<{ code: string; name: string }>;
}> {
  const localities = await db<{ code: string; name: string }[]>`SELECT code, name FROM localities`;
  const units = await db<{ code: string; name: string }[]>`SELECT id AS code, name FROM units`;
  return { localities: [...localities], units: [...units] };
}
