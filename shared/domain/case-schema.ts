// A case's shape, declared once (docs/case-actions.md): the state its workflow keeps and
// exposes, and the parts it is made of. Every other shape of a case is derived from these: the
// workflow's input and carried state (shared/contracts/case.ts), the read model's row
// (shared/db/case-columns.ts), the case view and the ledger line (shared/domain/case.ts, ledger.ts).
//
// Workflow code imports these as types only (`import type`): building zod schemas has no place in the
// workflow bundle. The schemas describe the JSON the workflow already writes into its history and
// the API already publishes, so they state plain strings where the JSON holds ISO-8601 instants.
import { z } from 'zod';
import type { RoutingDecision } from '../routing/types';
import type { Actor } from './actor';
import { CASE_KINDS, CASE_STATUSES, CLOSE_REASONS, PRIORITIES, ROLES } from './enums';
import { PinnedPolicySchema } from './policy';

/** An ISO-8601 instant as the workflow writes it (`Date#toISOString`). */
const instant = z.string();

export const CaseStatusSchema = z.enum(CASE_STATUSES);
export const CloseReasonSchema = z.enum(CLOSE_REASONS);

export const ActorSchema = z.object({
  id: z.string(),
  role: z.enum([...ROLES, 'system']),
  unitId: z.string().nullable(),
  accountId: z.string().optional().describe('a person acting through a session: the account'),
  name: z.string().optional().describe("that person's display name at the time (责任人)"),
});

export const RoutingDecisionSchema = z.object({
  lead: z.string().nullable(),
  coHandlers: z.array(z.string()),
  ruleId: z.string().nullable(),
  rulesVersion: z.number().int(),
  decidedBy: z.enum(['rule', 'business_owner_default', 'locality_default', 'triage']),
  candidates: z.array(z.object({ ruleId: z.string(), tier: z.string() })),
  explanation: z.array(z.string()),
});

/** The batch that handed the case to its lead (urgent cases get a batch of their own). */
export const DispatchSchema = z.object({ batchId: z.string(), batchNumber: z.number().int() });

export const ExtensionRequestSchema = z.object({
  requestId: z.string(),
  unitId: z.string(),
  until: instant,
  reason: z.string(),
  requestedAt: instant,
  status: z.enum(['pending', 'approved', 'denied']),
  note: z.string().nullable(),
  decidedAt: instant.nullable(),
});

export const ResolutionSchema = z.object({
  unitId: z.string(),
  measures: z.string(),
  outcome: z.string(),
  resolvedAt: instant,
});

/** 领导批示: a leader's instruction, open until the lead unit acknowledges it. */
export const InstructionSchema = z.object({
  instructionId: z.string(),
  text: z.string(),
  by: ActorSchema,
  at: instant,
  reportEvery: z.string().nullable(),
  deadline: instant.nullable(),
  acknowledgedAt: instant.nullable(),
});

/**
 * Where a running due was counted from, and by which policy rule; null when it was set absolutely
 * (an approved extension, a leader's instruction). A re-pinned calendar counts it again from there.
 */
const ClockStartSchema = z
  .object({ rule: z.enum(['acceptWithin', 'reportEvery', 'resolveWithin', 'reworkWithin']), from: instant })
  .nullable();

/** Everything the read model and the API need about a case, as the workflow knows it now. */
export const CaseStateSchema = z.object({
  id: z.string(),
  status: CaseStatusSchema,
  kind: z.enum(CASE_KINDS),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  locality: z.string(),
  priority: z.enum(PRIORITIES),
  reporterId: z.string().nullable(),
  visitId: z.string().nullable(),
  reportedBy: ActorSchema,
  lead: z.string().nullable(),
  coHandlers: z.array(z.string()),
  routing: RoutingDecisionSchema,
  policy: PinnedPolicySchema,
  dispatch: DispatchSchema.nullable(),
  /** By when the lead must sign for the case; set while `assigned`. */
  acceptDue: instant.nullable(),
  deadline: instant.nullable(),
  nextReportDue: instant.nullable(),
  missedReports: z.number().int(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  extensions: z.array(ExtensionRequestSchema),
  resolution: ResolutionSchema.nullable(),
  /** By when the office or the visitor should follow up; set while `verifying`. */
  followUpDue: instant.nullable(),
  closeReason: CloseReasonSchema.nullable(),
  closedAt: instant.nullable(),
  reportedAt: instant,
  updatedAt: instant,
  /** Sequence number of the last event; the read model keeps the snapshot with the highest one. */
  seq: z.number().int(),
  /**
   * A deadline counted in working days ran past the calendar the case pinned: weekends only were
   * skipped there, holidays not (docs/calendar.md). Absent on cases reported before calendars.
   */
  calendarUnknown: z.boolean().optional(),
  /** 临期预警: warned that the resolution deadline in force is near (policy `warnBefore`). */
  dueSoon: z.boolean().optional(),
  /** Leaders' instructions, oldest first. Absent on cases from before instructions: read as none. */
  instructions: z.array(InstructionSchema).optional(),
  /**
   * The starts of the dues counted by a policy rule (the follow-up's is the resolution's time).
   * Absent, or a due absent from it, on clocks started before re-pinning: such a due is kept.
   */
  clockStarts: z
    .object({ acceptDue: ClockStartSchema, deadline: ClockStartSchema, nextReportDue: ClockStartSchema })
    .partial()
    .optional(),
});

/**
 * What every reader of a case sees of it (the case view, the ledger line), in the order they show
 * it; the rest of the state is the workflow's bookkeeping. A new field its readers should see goes
 * into CaseStateSchema and here, and into the read model's column map (shared/db/case-columns.ts).
 */
export const VisibleCaseSchema = CaseStateSchema.pick({
  id: true,
  status: true,
  kind: true,
  category: true,
  title: true,
  description: true,
  locality: true,
  priority: true,
  lead: true,
  coHandlers: true,
  routing: true,
  deadline: true,
  nextReportDue: true,
  missedReports: true,
  overdue: true,
  escalationLevel: true,
  calendarUnknown: true,
  dueSoon: true,
  closeReason: true,
  reportedAt: true,
  updatedAt: true,
});

/** The case fields a workflow starts from: the report as intake accepted and routed it. */
export const CaseIntakeSchema = CaseStateSchema.pick({
  kind: true,
  category: true,
  title: true,
  description: true,
  locality: true,
  priority: true,
  reporterId: true,
  visitId: true,
  reportedAt: true,
  reportedBy: true,
  routing: true,
  policy: true,
}).extend({
  caseId: z.string(),
  resolvedOnSpot: z.object({ measures: z.string() }).nullable(),
});

/** The reminders already sent for the current obligations, so a new run never sends them twice. */
export const CaseAlertsSchema = z.object({
  acceptReminded: z.boolean(),
  acceptEscalated: z.boolean(),
  followUpReminded: z.boolean(),
});

/** The case as the last run left it, handed to the next when the workflow continues as new. */
export const CarriedCaseSchema = z.object({
  state: CaseStateSchema,
  alerts: CaseAlertsSchema,
  /** The Update ids of the last actions applied, so that the next run does not apply a retry again. */
  appliedUpdateIds: z.array(z.string()).optional(),
});

export type CaseState = z.infer<typeof CaseStateSchema>;
export type VisibleCase = z.infer<typeof VisibleCaseSchema>;
export type CaseIntake = z.infer<typeof CaseIntakeSchema>;
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;
export type Instruction = z.infer<typeof InstructionSchema>;
export type ClockStart = z.infer<typeof ClockStartSchema>;
export type Dispatch = z.infer<typeof DispatchSchema>;
export type CaseAlerts = z.infer<typeof CaseAlertsSchema>;
export type CarriedCase = z.infer<typeof CarriedCaseSchema>;

// Actor and RoutingDecision keep their plain declarations beside the code that makes them (actor.ts,
// the routing engine), which workflow code imports at run time. The schemas above must describe exactly those
// types: each entry fails to compile when the two drift apart, in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _describesTheSameShape: [
  Same<z.infer<typeof ActorSchema>, Actor>,
  Same<z.infer<typeof RoutingDecisionSchema>, RoutingDecision>,
] = [true, true];
