import { z } from 'zod';
import { SLOW_REASONS } from '../supervision/ranking';
import { DaySchema, MonthSchema, WeekSchema } from './calendar';
import { TargetTypeSchema } from './campaign';
import { CloseReasonSchema, CaseStatusSchema } from './case';
import { text } from './text';

// Bodies of the spot-check and bulletin routes (docs/api.md "Dispatch, exports, supervision, visits").

export const SpotCheckSchema = z.object({
  id: z.string(),
  date: z.string(),
  subjectType: z.enum(['visit', 'case']),
  subjectId: z.string(),
  position: z.number().int(),
  result: z.enum(['pending', 'passed', 'failed']),
  note: z.string().nullable(),
  checkedBy: z.object({ id: z.string(), role: z.string(), unitId: z.string().nullable() }).nullable(),
  checkedAt: z.string().nullable(),
  visit: z
    .object({
      targetType: TargetTypeSchema,
      targetName: z.string(),
      locality: z.string(),
      unitId: z.string().nullable(),
      visitedAt: z.string(),
    })
    .nullable(),
  case: z
    .object({
      title: z.string(),
      status: CaseStatusSchema,
      closeReason: CloseReasonSchema.nullable(),
      lead: z.string().nullable(),
      locality: z.string(),
      closedAt: z.string().nullable(),
    })
    .nullable(),
});

export const SpotCheckDaySchema = z.object({
  date: z.string(),
  drawnAt: z.string(),
  population: z.object({ visits: z.number().int(), cases: z.number().int() }),
  items: z.array(SpotCheckSchema),
  /** Always null: a day's sample is one page (10% of a day's visits and a week's closed cases). */
  nextCursor: z.null(),
});

export const SpotCheckQuerySchema = z
  .object({ date: DaySchema.optional().describe('a day in Beijing; default: yesterday, the last complete day') })
  .strict();

export const SpotCheckResultInputSchema = z.object({ passed: z.boolean(), note: text(2000).optional() }).strict();

const count = z.number().int();
const seconds = z.number().nullable();

const FiguresSchema = z.object({
  assigned: count,
  accepted: count,
  pendingAccept: count,
  inProgress: count,
  resolved: count,
  overdue: count,
  missedReports: count,
  escalations: count,
  medianAcceptSeconds: seconds,
  medianResolveSeconds: seconds,
});

export const BulletinSchema = z.object({
  kind: z.enum(['weekly', 'monthly']),
  period: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  computedAt: z.string(),
  complete: z.boolean(),
  /** `stored`: as the scheduled workflow stored it; `live`: computed for this request. */
  source: z.enum(['stored', 'live']),
  units: z.array(
    FiguresSchema.extend({
      unitId: z.string(),
      unitName: z.string().nullable(),
      rank: count,
      resolutionRate: z.number().nullable(),
      slowReasons: z.array(z.enum(SLOW_REASONS)),
    }),
  ),
  totals: FiguresSchema,
  slowUnits: z.array(
    z.object({ unitId: z.string(), unitName: z.string().nullable(), reasons: z.array(z.enum(SLOW_REASONS)) }),
  ),
  rankingRule: z.string(),
  settings: z.object({ acceptWithinSeconds: z.number() }),
});

const format = z.enum(['json', 'xlsx', 'html']).optional().describe('or send Accept: the xlsx MIME type');

export const WeeklyBulletinQuerySchema = z
  .object({
    week: WeekSchema.optional().describe('default: the current week in Beijing'),
    format,
  })
  .strict();

export const MonthlySummaryQuerySchema = z
  .object({
    month: MonthSchema.optional().describe('default: the current month in Beijing'),
    format,
  })
  .strict();
