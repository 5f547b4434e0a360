import { z } from 'zod';
import { CASE_KINDS, PRIORITIES, ROLES, UNIT_KINDS } from './enums';
import { PolicyInputSchema } from './policy';

// Request and response bodies of the reference-data routes (API-CONTRACT.md "Reference data").

export const CodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"');

const name = z.string().trim().min(1).max(100);
const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');
const contact = z.string().trim().min(1).max(100);

export const UnitInputSchema = z
  .object({
    id: CodeSchema,
    name,
    kind: z.enum(UNIT_KINDS),
    parentId: CodeSchema.nullable().optional(),
    webhookUrl: webhookUrl.nullable().optional(),
    leaderName: contact.nullable().optional(),
    leaderContact: contact.nullable().optional(),
  })
  .strict();

export const UnitPatchSchema = UnitInputSchema.omit({ id: true }).partial().strict();

export const UnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  leaderName: z.string().nullable(),
  leaderContact: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const LocalityInputSchema = z
  .object({
    code: CodeSchema,
    name,
    parentCode: CodeSchema.nullable().optional(),
    governingUnitId: CodeSchema.nullable().optional(),
  })
  .strict();

export const LocalitySchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  governingUnitId: z.string().nullable(),
  createdAt: z.string(),
});

export const CategoryInputSchema = z
  .object({
    code: CodeSchema,
    name,
    businessOwnerUnitId: CodeSchema.nullable().optional(),
    defaultKind: z.enum(CASE_KINDS).nullable().optional(),
    policy: PolicyInputSchema.optional(),
  })
  .strict();

export const CategoryPatchSchema = CategoryInputSchema.omit({ code: true }).partial().strict();

export const PolicySchema = z.object({
  acceptWithin: z.string(),
  reportEvery: z.string(),
  reportGrace: z.string(),
  resolveWithin: z.string(),
  followUpWithin: z.string(),
  reworkWithin: z.string(),
  noticeAfterMissed: z.number().int(),
  leadershipAfterMissed: z.number().int(),
});

export const CategorySchema = z.object({
  code: z.string(),
  name: z.string(),
  businessOwnerUnitId: z.string().nullable(),
  defaultKind: z.enum(CASE_KINDS).nullable(),
  policyVersion: z.number().int(),
  policy: PolicySchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const HandlerSpecSchema = z.union([z.literal('business_owner'), z.literal('locality'), CodeSchema]);

export const RoutingRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    category: CodeSchema.optional(),
    locality: CodeSchema.optional(),
    kind: z.enum(CASE_KINDS).optional(),
    lead: HandlerSpecSchema,
    coHandlers: z.array(HandlerSpecSchema).max(20).optional(),
  })
  .strict();

export const RuleSetInputSchema = z.object({ rules: z.array(RoutingRuleSchema).max(20_000) }).strict();

export const RuleSetSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  rules: z.array(RoutingRuleSchema),
});

export const ExplainInputSchema = z
  .object({
    category: CodeSchema,
    locality: CodeSchema,
    kind: z.enum(CASE_KINDS).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .strict();

export const TokenInputSchema = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES), unitId: CodeSchema.optional() })
  .strict()
  .refine((t) => (t.role === 'unit') === (t.unitId !== undefined), {
    message: 'unitId is required for, and only for, the unit role',
    path: ['unitId'],
  });

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(1000).optional(),
  })
  .strict();

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
