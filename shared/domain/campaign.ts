import { z } from 'zod';
import { DayOrInstantSchema, DaySchema } from './calendar';
import { NewCaseSchema, RoutingDecisionSchema } from './case';
import { TARGET_TYPES } from './enums';
import { CodeSchema } from './reference';
import { text } from './text';

// Bodies of the campaign and visit routes (docs/api.md "Dispatch, exports, supervision, visits").

export const TargetTypeSchema = z.enum(TARGET_TYPES);

export const CampaignTargetInputSchema = z
  .object({
    unitId: CodeSchema.optional(),
    targetType: TargetTypeSchema,
    count: z.number().int().min(0).max(10_000_000),
  })
  .strict();

export const CampaignInputSchema = z
  .object({
    name: text(100),
    startsOn: DaySchema,
    endsOn: DaySchema,
    targets: z.array(CampaignTargetInputSchema).max(5_000),
  })
  .strict()
  .refine((c) => c.endsOn >= c.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] })
  .refine((c) => new Set(c.targets.map((t) => `${t.unitId ?? ''}|${t.targetType}`)).size === c.targets.length, {
    message: 'one target per unit (or the campaign) and target type',
    path: ['targets'],
  });

export const CampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  targets: z.array(z.object({ unitId: z.string().nullable(), targetType: TargetTypeSchema, count: z.number().int() })),
  createdAt: z.string(),
});

const TypeProgressSchema = z.object({
  targetType: TargetTypeSchema,
  /** Null when no target was set for this type. */
  target: z.number().int().nullable(),
  visited: z.number().int(),
  /** visited ÷ target × 100, one decimal; null without a target (or with a target of 0). */
  percent: z.number().nullable(),
});

export const CampaignProgressSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  asOf: z.string(),
  overall: z.object({ visited: z.number().int(), byType: z.array(TypeProgressSchema) }),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string().nullable(),
      visited: z.number().int(),
      byType: z.array(TypeProgressSchema),
    }),
  ),
});

/** A case reported during a visit: a POST /v1/cases body, whose visitId the visit sets. */
export const VisitCaseSchema = NewCaseSchema.omit({ visitId: true });

/** A date (that day, at Beijing midnight) or a time with an offset. */
export const VisitedAtSchema = DayOrInstantSchema;

export const VisitInputSchema = z
  .object({
    campaignId: z.uuid(),
    targetType: TargetTypeSchema,
    targetName: text(200),
    locality: CodeSchema,
    /** The visiting team's unit; a visitor token has none of its own. */
    unitId: CodeSchema.optional(),
    visitedAt: VisitedAtSchema,
    notes: text(2000).optional(),
    cases: z.array(VisitCaseSchema).max(50).optional(),
  })
  .strict();

export type VisitInput = z.infer<typeof VisitInputSchema>;

export const VisitSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  targetType: TargetTypeSchema,
  targetName: z.string(),
  locality: z.string(),
  unitId: z.string().nullable(),
  visitedAt: z.string(),
  visitedOn: z.string(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  cases: z.array(z.object({ id: z.string(), status: z.string(), routing: RoutingDecisionSchema })),
});

export const ImportResultSchema = z.object({
  importId: z.string(),
  imported: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  errorsTruncated: z.boolean(),
});
