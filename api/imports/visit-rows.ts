import type { Actor } from '../../shared/domain/actor';
import { TARGET_TYPES, type TargetType } from '../../shared/domain/enums';
import type { ImportError } from '../../shared/db/visit-imports';
import type { NewVisit } from '../../shared/db/visits';
import { parseVisitTime } from '../../shared/supervision/visit-time';
import type { CsvRecord } from './csv-records';

// The columns of a visits upload and the check of each row. Headers may be the Chinese ones the
// office's template uses or the API's field names; other columns (序号…) are ignored.

export const IMPORT_FIELDS = ['targetType', 'targetName', 'locality', 'visitedAt', 'unitId', 'notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: ImportField[] = ['targetType', 'targetName', 'locality', 'visitedAt'];

const HEADERS: Record<string, ImportField> = {
  走访对象类型: 'targetType',
  走访对象名称: 'targetName',
  属地: 'locality',
  走访日期: 'visitedAt',
  走访单位: 'unitId',
  备注: 'notes',
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [f.toLowerCase(), f])),
};

const TARGET_TYPE_WORDS: Record<string, TargetType> = {
  ...Object.fromEntries(TARGET_TYPES.map((t) => [t, t])),
  户: 'household',
  农户: 'household',
  群众: 'household',
  居民: 'household',
  村: 'village',
  村寨: 'village',
  寨: 'village',
  社区: 'community',
  企业: 'enterprise',
  重点企业: 'enterprise',
  学校: 'school',
};

export type Columns = Partial<Record<ImportField, number>>;

/** Where each field is in the header row; the required fields it lacks. */
export function readHeader(header: readonly string[]): { columns: Columns; missing: ImportField[] } {
  const columns: Columns = {};
  header.forEach((name, index) => {
    const field = HEADERS[name.trim()] ?? HEADERS[name.trim().toLowerCase()];
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return { columns, missing: REQUIRED_FIELDS.filter((f) => columns[f] === undefined) };
}

/** Codes, and names that resolve to codes: a name shared by two places is ambiguous. */
export interface Lookup {
  codes: ReadonlySet<string>;
  byName: ReadonlyMap<string, readonly string[]>;
}

export interface RowContext {
  campaign: { id: string; startsOn: string; endsOn: string };
  localities: Lookup;
  units: Lookup;
  recordedBy: Actor;
}

/** A row that passed: the visit as it will be stored, less the id it gets then, with its row number. */
export type ValidRow = Omit<NewVisit, 'id'> & { sourceRow: number };

function resolve(lookup: Lookup, value: string, what: string): { code: string } | { message: string } {
  if (lookup.codes.has(value)) return { code: value };
  const named = lookup.byName.get(value) ?? [];
  if (named.length === 1) return { code: named[0]! };
  if (named.length > 1) return { message: `${what} name ${value} is ambiguous (${named.join(', ')}): use the code` };
  return { message: `no ${what} with code or name ${value}` };
}

export function validateRow(record: CsvRecord, columns: Columns, ctx: RowContext): ValidRow | ImportError[] {
  const errors: ImportError[] = [];
  const get = (field: ImportField) => {
    const index = columns[field];
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
  };
  const fail = (field: ImportField, message: string) => errors.push({ row: record.row, field, message });
  const text = (field: ImportField, max: number, required: boolean) => {
    const raw = get(field);
    // PostgreSQL stores no U+0000 in text or jsonb: the row fails, and its messages echo the cell without it.
    if (raw.includes('\u0000')) fail(field, 'must not contain U+0000 (NUL)');
    const value = raw.replaceAll('\u0000', '');
    if (required && value === '') fail(field, 'is required');
    if (value.length > max) fail(field, `must be at most ${max} characters`);
    return value;
  };

  const typeWord = text('targetType', 20, true);
  const targetType = TARGET_TYPE_WORDS[typeWord] ?? TARGET_TYPE_WORDS[typeWord.toLowerCase()];
  if (typeWord !== '' && !targetType)
    fail('targetType', `must be one of 户, 村寨, 社区, 企业, 学校 (or ${TARGET_TYPES.join(', ')})`);
  const targetName = text('targetName', 200, true);
  const notes = text('notes', 2000, false);

  const localityText = text('locality', 100, true);
  const locality = localityText === '' ? null : resolve(ctx.localities, localityText, 'locality');
  if (locality && 'message' in locality) fail('locality', locality.message);
  const unitText = text('unitId', 100, false);
  const unit = unitText === '' ? null : resolve(ctx.units, unitText, 'unit');
  if (unit && 'message' in unit) fail('unitId', unit.message);

  const timeText = text('visitedAt', 40, true);
  const time = timeText === '' ? null : parseVisitTime(timeText);
  if (timeText !== '' && !time) fail('visitedAt', 'must be a date such as 2026-11-30 or 2026/11/30');
  else if (time && (time.visitedOn < ctx.campaign.startsOn || time.visitedOn > ctx.campaign.endsOn)) {
    fail('visitedAt', `must fall within the campaign, ${ctx.campaign.startsOn} to ${ctx.campaign.endsOn}`);
  }

  if (errors.length > 0 || !targetType || !time || !locality || 'message' in locality) return errors;
  return {
    sourceRow: record.row,
    campaignId: ctx.campaign.id,
    targetType,
    targetName,
    locality: locality.code,
    unitId: unit && 'code' in unit ? unit.code : null,
    visitedAt: time.visitedAt,
    visitedOn: time.visitedOn,
    notes: notes === '' ? null : notes,
    recordedBy: ctx.recordedBy,
  };
}
