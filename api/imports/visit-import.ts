import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';
import type { Db } from '../../shared/db/sql';
import { insertVisitBatch, type ImportedVisit } from '../../shared/db/visits';
import { loadImportLookups, type ImportError, type ImportOutcome } from '../../shared/db/visit-imports';
import { CsvSyntaxError, type CsvRecord } from './csv-records';
import { REQUIRED_FIELDS, readHeader, validateRow, type ImportField, type Lookup } from './visit-rows';

// One streaming pass over an upload: check each row as it arrives, keep the valid ones, insert them
// in batches, report the others by row. Each batch is its own statement: rows stored before a
// failure stay stored, and the import's record (visit_imports) says how far it got.

export interface ImportOptions {
  /** Rows per INSERT (default 500). */
  batchSize?: number;
  /** Call `onProgress` after every this many rows (default 5,000). */
  progressEvery?: number;
  /** Row errors listed in the answer; further failures are only counted (default 1,000). */
  maxErrors?: number;
  onProgress?: (progress: { rows: number; imported: number; failed: number }) => void;
}

/** The file could not be read on (not a spreadsheet, cut off, too large): `cause` says why. */
export class UnreadableFileError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly progress: { imported: number; failed: number },
  ) {
    super(`the file could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UnreadableFileError';
  }
}

/** The upload lacks a required column: nothing is imported. */
export class MissingColumnsError extends Error {
  constructor(readonly missing: ImportField[]) {
    super(`the header row lacks ${missing.join(', ')}`);
    this.name = 'MissingColumnsError';
  }
}

function lookup(rows: Array<{ code: string; name: string }>): Lookup {
  const byName = new Map<string, string[]>();
  for (const { code, name } of rows) byName.set(name, [...(byName.get(name) ?? []), code]);
  return { codes: new Set(rows.map((r) => r.code)), byName };
}

export async function importVisits(
  db: Db,
  records: AsyncIterable<CsvRecord>,
  target: { importId: string; campaign: { id: string; startsOn: string; endsOn: string }; recordedBy: Actor },
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { batchSize = 500, progressEvery = 5_000, maxErrors = 1_000, onProgress } = options;
  const reference = await loadImportLookups(db);
  const context = {
    campaign: target.campaign,
    localities: lookup(reference.localities),
    units: lookup(reference.units),
    recordedBy: target.recordedBy,
  };

  let columns: ReturnType<typeof readHeader>['columns'] | null = null;
  let batch: ImportedVisit[] = [];
  const errors: ImportError[] = [];
  let rows = 0;
  let imported = 0;
  let failed = 0;
  let unlisted = 0;
  const flush = async () => {
    await insertVisitBatch(db, target.importId, batch);
    imported += batch.length;
    batch = [];
  };

  const iterator = records[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<CsvRecord>;
    try {
      next = await iterator.next();
    } catch (error) {
      // A quote never closed swallows the rest of the file into one field: that row fails, the rows
      // before it stand. Anything else the reader throws means the file itself is unreadable.
      if (!(error instanceof CsvSyntaxError)) {
        await flush();
        throw new UnreadableFileError(error, { imported, failed });
      }
      failed += 1;
      if (errors.length < maxErrors) errors.push({ row: error.row, field: 'row', message: error.message });
      else unlisted += 1;
      break;
    }
    if (next.done) break;
    const record = next.value;
    if (columns === null) {
      const header = readHeader(record.fields);
      if (header.missing.length > 0) throw new MissingColumnsError(header.missing);
      columns = header.columns;
      continue;
    }
    rows += 1;
    const checked = validateRow(record, columns, context);
    if (Array.isArray(checked)) {
      failed += 1;
      const room = Math.max(0, maxErrors - errors.length);
      errors.push(...checked.slice(0, room));
      unlisted += Math.max(0, checked.length - room);
    } else {
      batch.push({ id: randomUUID(), ...checked });
      if (batch.length >= batchSize) await flush();
    }
    if (rows % progressEvery === 0) onProgress?.({ rows, imported: imported + batch.length, failed });
  }
  if (columns === null) throw new MissingColumnsError(REQUIRED_FIELDS);
  await flush();
  return { importId: target.importId, imported, failed, errors, errorsTruncated: unlisted > 0 };
}
