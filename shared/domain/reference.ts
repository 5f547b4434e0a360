import { z } from 'zod';
import { CASE_KINDS, PRIORITIES, ROLES, UNIT_KINDS } from './enums';
import { PolicyInputSchema, PolicySchema } from './policy';
import { text } from './text';

// Request and response bodies of the reference-data routes (docs/api.md "Reference data").

/** An id or code; `params` as for z.string (a body field may name why it is required). */
const codeSchema = (params?: Parameters<typeof z.string>[0]) =>
  z
    .string(params)
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"');
export const CodeSchema = codeSchema();

const name = text(100);
const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');
const contact = text(100);

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

const onlyForUnitRole = 'unitId is required for, and only for, the unit role';

// One branch for the unit role and one for the others, so /openapi.json says (as a oneOf) who takes unitId.
export const TokenInputSchema = z.discriminatedUnion('role', [
  z
    .object({
      name,
      role: z.literal('unit'),
      unitId: codeSchema({ error: (issue) => (issue.input === undefined ? onlyForUnitRole : undefined) }),
    })
    .strict(),
  z
    .object({ name, role: z.enum(ROLES).exclude(['unit']), unitId: z.never({ error: onlyForUnitRole }).optional() })
    .strict(),
]);

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(1000).optional(),
  })
  .strict();

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
