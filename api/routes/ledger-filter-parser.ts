import { z } from 'zod';
import { campaignDayStart } from '../../shared/domain/campaign-clock';
import { CASE_KINDS, CASE_STATUSES, PRIORITIES } from '../../shared/domain/enums';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../shared/db/pagination';

// Parses the ledger's query strings (docs/api.md `GET /v1/cases`) into the LedgerFilter that the
// ledger's SQL takes (shared/db/ledger-filter.ts); ledger-query.ts publishes it in /openapi.json.

// Query strings say `status=queued,assigned` or repeat the key; both arrive here as a list.
const listOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const codes = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))
  .pipe(z.array(z.string().min(1).max(64)).min(1).max(50));

// A bare date means that day on the campaign clock (shared/domain/campaign-clock.ts):
// `reportedFrom=2026-11-01` starts at its midnight, `reportedTo=2026-11-30` includes the 30th. A full
// timestamp with an offset is taken as it is, `reportedTo` exclusive.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const instant = (endOfDay: boolean) =>
  z.union([
    z.date(),
    z
      .string()
      .refine((s) => DATE_ONLY.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
        message: 'must be a date (2026-11-30) or a timestamp with offset (2026-11-30T09:00:00+08:00)',
      })
      .transform((s) => {
        if (!DATE_ONLY.test(s)) return new Date(s);
        const midnight = campaignDayStart(s);
        return endOfDay ? new Date(midnight.getTime() + DAY_MS) : midnight;
      })
      .refine((d) => !Number.isNaN(d.getTime()), 'is not a real date'),
  ]);

const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const LedgerFilterSchema = z
  .object({
    status: listOf(CASE_STATUSES).optional(),
    unit: z.string().min(1).max(64).optional(),
    locality: z.string().min(1).max(64).optional(),
    category: codes.optional(),
    kind: listOf(CASE_KINDS).optional(),
    priority: listOf(PRIORITIES).optional(),
    overdue: bool.optional(),
    dueSoon: bool.optional(),
    escalationLevel: z.coerce.number().int().min(0).max(2).optional(),
    reportedFrom: instant(false).optional(),
    reportedTo: instant(true).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** The filters plus the page: `limit` (default 50, max 200) and the opaque `cursor`. */
export const LedgerQuerySchema = LedgerFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().min(1).max(200).optional(),
}).strict();

export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;
