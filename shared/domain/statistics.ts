import { z } from 'zod';
import {
  GROUP_BYS,
  COUNT_DEFINITIONS,
  RATE_DEFINITIONS,
  SEGMENT_DEFINITIONS,
  type FigureDefinition,
} from '../supervision/statistics/definitions';
import { DaySchema, MonthSchema, WeekSchema } from './calendar';
import { CASE_KINDS } from './enums';

// GET /v1/statistics at the edge: the strict query and the answer (docs/statistics.md).

const id = z.string().min(1).max(100);

export const StatisticsQuerySchema = z
  .object({
    period: z.enum(['week', 'month', 'campaign']).default('month'),
    from: z
      .union([WeekSchema, MonthSchema, DaySchema])
      .optional()
      .describe(
        'a week (2026-W10) or month (2026-03) as `period` says, or a Beijing date for `campaign`; ' +
          'default: the current week or month, or the latest campaign’s first day',
      ),
    to: z
      .union([WeekSchema, MonthSchema, DaySchema])
      .optional()
      .describe('the last week, month or date included (default: `from`, or the latest campaign’s last day)'),
    groupBy: z.enum(GROUP_BYS).default('unit'),
    unit: id.optional(),
    category: id.optional(),
    kind: z.enum(CASE_KINDS).optional(),
    locality: id.optional(),
    minimumSample: z.coerce.number().int().min(1).max(10_000).optional().describe('样本不足 below this (default 5)'),
  })
  .strict();

const counts = z.object(
  Object.fromEntries(Object.keys(COUNT_DEFINITIONS).map((k) => [k, z.number().int()])) as Record<
    keyof typeof COUNT_DEFINITIONS,
    z.ZodNumber
  >,
);
const rates = z.object(
  Object.fromEntries(Object.keys(RATE_DEFINITIONS).map((k) => [k, z.number().nullable()])) as Record<
    keyof typeof RATE_DEFINITIONS,
    z.ZodNullable<z.ZodNumber>
  >,
);
const SegmentTimesSchema = z.object({
  count: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});
const segments = z.object(
  Object.fromEntries(Object.keys(SEGMENT_DEFINITIONS).map((k) => [k, SegmentTimesSchema])) as Record<
    keyof typeof SEGMENT_DEFINITIONS,
    typeof SegmentTimesSchema
  >,
);

const DefinitionSchema = z.object({ zh: z.string(), en: z.string(), formula: z.string(), countedBy: z.string() });
const definitions = (defs: Record<string, FigureDefinition>) =>
  z.object(Object.fromEntries(Object.keys(defs).map((k) => [k, DefinitionSchema])));

export const FairRankingSchema = z.object({
  rule: z.string(),
  minimumSample: z.number().int(),
  ranked: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string().nullable(),
      rank: z.number().int(),
      score: z.number(),
      proportion: z.number(),
      successes: z.number().int(),
      sample: z.number().int(),
    }),
  ),
  insufficientSample: z.array(
    z.object({ unitId: z.string(), unitName: z.string().nullable(), sample: z.number().int() }),
  ),
});

export const StatisticsSchema = z.object({
  period: z.enum(['week', 'month', 'campaign']),
  from: z.string(),
  to: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  groupBy: z.enum(GROUP_BYS),
  groups: z.array(z.object({ key: z.string(), name: z.string().nullable(), counts, rates, segments })),
  /** Every group together: the counts summed, the rates taken from the sums (no segment times). */
  totals: z.object({ counts, rates }),
  /** Only when grouped by unit. */
  ranking: FairRankingSchema.nullable(),
  definitions: z.object({
    counts: definitions(COUNT_DEFINITIONS),
    rates: definitions(RATE_DEFINITIONS),
    segments: definitions(SEGMENT_DEFINITIONS),
  }),
});
