import { z } from 'zod';
import { ReporterViewSchema } from './case';
import { VisibleCaseSchema } from './case-schema';

/** What the ledger adds to a case from its events (shared/db/projections.ts). */
export const LedgerFiguresSchema = z.object({
  assignedAt: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  lastReportSummary: z.string().nullable(),
  reportCount: z.number().int(),
  escalationCount: z.number().int(),
});

/** One line of the ledger (`GET /v1/cases`): the visible case but its routing, the reporter already masked. */
export const LedgerItemSchema = VisibleCaseSchema.omit({ routing: true }).extend({
  reporter: ReporterViewSchema.nullable(),
  ...LedgerFiguresSchema.shape,
});

export const LedgerCountsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byUnit: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string().nullable(),
      lead: z.number().int(),
      coHandled: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});
