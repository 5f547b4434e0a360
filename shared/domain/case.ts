import { z } from 'zod';
import { CloseReasonSchema, VisibleCaseSchema } from './case-schema';
import { CASE_KINDS, PRIORITIES } from './enums';
import { text } from './text';

export { CaseStatusSchema, CloseReasonSchema, RoutingDecisionSchema } from './case-schema';

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"');

export const ReporterInputSchema = z
  .object({
    name: text(64),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number of digits, spaces or dashes')
      .optional(),
  })
  .strict();

/** The body of `POST /v1/cases` (docs/api.md): strict, so nobody sets `status` or `lead` by sending it. */
export const NewCaseSchema = z
  .object({
    kind: z.enum(CASE_KINDS),
    category: code,
    title: text(200),
    description: text(5000),
    locality: code,
    priority: z.enum(PRIORITIES).default('normal'),
    reporter: ReporterInputSchema.optional(),
    visitId: z.string().uuid().optional(),
    resolvedOnSpot: z
      .object({ measures: text(5000) })
      .strict()
      .optional(),
  })
  .strict();

export type NewCase = z.infer<typeof NewCaseSchema>;

/** A case id; `params` as for z.string (a body field may name why it is required). */
export const caseIdSchema = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).regex(/^case-[0-9a-f-]{36}$/, 'must be a case id');
export const CaseIdSchema = caseIdSchema();

/** A reporter as the viewer may see them: masked unless the viewer may see them whole. */
export const ReporterViewSchema = z.object({ name: z.string(), phone: z.string().nullable() });

/** `GET /v1/cases/{id}` (docs/api.md): the visible case and its reporter. */
export const CaseViewSchema = VisibleCaseSchema.extend({
  // Optional in the view since the contract's first version; the ledger line states it always.
  closeReason: CloseReasonSchema.nullable().optional(),
  reporter: ReporterViewSchema.nullable(),
});

export type CaseView = z.infer<typeof CaseViewSchema>;

export const CaseEventViewSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actor: z.object({
    id: z.string(),
    role: z.string(),
    unitId: z.string().nullable(),
    accountId: z.string().optional(),
    name: z.string().optional().describe('the person who acted, at the time (责任人); absent for a service token'),
  }),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prevHash: z.string().nullable(),
});
