import { z } from 'zod';
import { InstantSchema } from './calendar';
import { IsoDurationSchema } from './policy';
import { caseIdSchema } from './case';
import { CASE_ACTIONS, type CaseAction } from './case-rules';
import { text } from './text';

// The input of each case action that people take over HTTP (docs/api.md "Cases"), keyed by the
// action names of the case-action table (case-rules.ts); strict, like every body. The workflow's
// Update arguments are these types plus the actor (shared/contracts/case.ts), so an input is declared
// once. Kept apart from the table because workflow code must not load zod.

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

export const EscalateBodySchema = z.object({ level: z.union([z.literal(1), z.literal(2)]), note: text(2000) }).strict();

/**
 * 领导批示. Whether `reportEvery` is shorter than the case's cadence and `deadline` earlier than its
 * own is the workflow's check (actions.ts), against the case as it is.
 */
export const InstructBodySchema = z
  .object({
    text: text(2000),
    reportEvery: IsoDurationSchema.optional().describe("tightens the report cadence: shorter than the case's"),
    deadline: InstantSchema.optional().describe("tightens the deadline: earlier than the case's, later than now"),
  })
  .strict();
export const AcknowledgeInstructionBodySchema = z.object({}).strict();

/**
 * The office re-pins the case's calendar (docs/calendar.md): the API adds the calendar in force now
 * to the Update's input, so the workflow counts on what the API loaded, deterministically.
 */
export const RepinCalendarBodySchema = z
  .object({ reason: text(2000).optional().describe('why the office re-pins (kept in the audit trail)') })
  .strict();

/** Every action with an HTTP route, and its body. */
export const CASE_ACTION_INPUTS = {
  accept: AcceptBodySchema,
  return: ReturnBodySchema,
  report: ReportBodySchema,
  contribute: ReportBodySchema,
  requestExtension: ExtensionRequestBodySchema,
  decideExtension: ExtensionDecisionBodySchema,
  resolve: ResolveBodySchema,
  followUp: FollowUpBodySchema,
  assign: AssignBodySchema,
  close: CloseBodySchema,
  escalate: EscalateBodySchema,
  instruct: InstructBodySchema,
  acknowledgeInstruction: AcknowledgeInstructionBodySchema,
  repinCalendar: RepinCalendarBodySchema,
} as const satisfies Partial<Record<CaseAction, z.ZodType>>;

export type HttpCaseAction = keyof typeof CASE_ACTION_INPUTS;

/** What each action's route takes, as the workflow's Update receives it (without the actor). */
export type CaseActionInput = { [A in HttpCaseAction]: z.infer<(typeof CASE_ACTION_INPUTS)[A]> };

/** One entry of a case view's `allowedActions`: what this caller may do to this case now, and where. */
export const AllowedActionSchema = z.object({ action: z.enum(CASE_ACTIONS), path: z.string() });
