import { z } from 'zod';
import { CASE_KINDS, CASE_STATUSES, CLOSE_REASONS, PRIORITIES } from './enums';

/** One line of the ledger (`GET /v1/cases`), the reporter already masked for the viewer. */
export const LedgerItemSchema = z.object({
  id: z.string(),
  status: z.enum(CASE_STATUSES),
  kind: z.enum(CASE_KINDS),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  locality: z.string(),
  priority: z.enum(PRIORITIES),
  reporter: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  lead: z.string().nullable(),
  coHandlers: z.array(z.string()),
  deadline: z.string().nullable(),
  nextReportDue: z.string().nullable(),
  missedReports: z.number().int(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  reportedAt: z.string(),
  updatedAt: z.string(),
  assignedAt: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  lastReportSummary: z.string().nullable(),
  reportCount: z.number().int(),
  escalationCount: z.number().int(),
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
