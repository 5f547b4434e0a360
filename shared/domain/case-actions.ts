import { z } from 'zod';
import { InstantSchema } from './calendar';
import { caseIdSchema } from './case';
import { text } from './text';

// Bodies of the case actions (API-CONTRACT.md "Cases"); strict, like every body.

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
export const ExtensionRequestBodySchema = z.object({ until: InstantSchema, reason: text(2000) }).strict();
export const ExtensionDecisionBodySchema = z.object({ approve: z.boolean(), note: text(2000).optional() }).strict();
export const ResolveBodySchema = z.object({ measures: text(5000), outcome: text(2000) }).strict();
export const FollowUpBodySchema = z.object({ satisfied: z.boolean(), note: text(2000).optional() }).strict();
export const AssignBodySchema = z
  .object({ lead: unitId, coHandlers: z.array(unitId).max(20).optional(), note: text(2000).optional() })
  .strict();
const onlyForDuplicate = 'duplicateOf is required for, and only for, reason duplicate';
const closeNote = text(2000).optional();

// One branch per kind of reason, so /openapi.json says (as a oneOf) which of them takes duplicateOf.
export const CloseBodySchema = z.discriminatedUnion('reason', [
  z
    .object({
      reason: z.literal('duplicate'),
      duplicateOf: caseIdSchema({ error: (issue) => (issue.input === undefined ? onlyForDuplicate : undefined) }),
      note: closeNote,
    })
    .strict(),
  z
    .object({
      reason: z.enum(['withdrawn', 'not_actionable']),
      duplicateOf: z.never({ error: onlyForDuplicate }).optional(),
      note: closeNote,
    })
    .strict(),
]);
