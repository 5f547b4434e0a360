import { z } from 'zod';
import { CaseIdSchema } from './case';

// Bodies of the case actions (API-CONTRACT.md "Cases"); strict, like every body.

const text = (max: number) => z.string().trim().min(1).max(max);
const unitId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a unit id');

export const AcceptBodySchema = z.object({}).strict();
export const ReturnBodySchema = z.object({ reason: text(2000) }).strict();
export const ReportBodySchema = z
  .object({
    progress: text(5000),
    measures: text(5000).optional(),
    percentDone: z.number().int().min(0).max(100).optional(),
    blockers: text(2000).optional(),
  })
  .strict();
export const ExtensionRequestBodySchema = z
  .object({ until: z.iso.datetime({ offset: true }), reason: text(2000) })
  .strict();
export const ExtensionDecisionBodySchema = z.object({ approve: z.boolean(), note: text(2000).optional() }).strict();
export const ResolveBodySchema = z.object({ measures: text(5000), outcome: text(2000) }).strict();
export const FollowUpBodySchema = z.object({ satisfied: z.boolean(), note: text(2000).optional() }).strict();
export const AssignBodySchema = z
  .object({ lead: unitId, coHandlers: z.array(unitId).max(20).optional(), note: text(2000).optional() })
  .strict();
export const CloseBodySchema = z
  .object({
    reason: z.enum(['duplicate', 'withdrawn', 'not_actionable']),
    duplicateOf: CaseIdSchema.optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((body) => (body.reason === 'duplicate') === (body.duplicateOf !== undefined), {
    message: 'duplicateOf is required for, and only for, reason duplicate',
    path: ['duplicateOf'],
  });
