import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_IDEMPOTENCY_TTL_MS } from '../../shared/config';
import type { CaseActionArgs } from '../../shared/contracts/case';
import { findCase, type CaseRow } from '../../shared/db/case-queries';
import type { Sql } from '../../shared/db/sql';
import { getUnit } from '../../shared/db/units';
import { canSeeCase, type Viewer } from '../../shared/domain/access';
import { actorOf } from '../../shared/domain/actor';
import { CASE_ACTION_INPUTS, type HttpCaseAction } from '../../shared/domain/case-action-inputs';
import {
  CASE_ACTION_RULES,
  CASE_ACTIONS,
  actionAt,
  caseActionRefusal,
  rolesFor,
  type CaseActionRule,
} from '../../shared/domain/case-rules';
import type { Role } from '../../shared/domain/enums';
import { samePinnedCalendar } from '../../shared/domain/working-day-policy';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { caseActionProblem, executeCaseActionOnce } from '../services/case-actions';
import { calendarForRepin } from '../services/case-calendar';
import type { CaseStarter } from '../services/case-starter';
import { ActionableCaseViewSchema, actionableCaseView, caseFactsOfRow } from '../services/case-facts';

const tags = ['case actions'];
const Params = z.object({ id: z.string().min(1).max(80) });
const ExtensionParams = Params.extend({ requestId: z.string().min(1).max(80) });
const InstructionParams = Params.extend({ instructionId: z.string().min(1).max(80) });

/** The params of a path: an extension decision names its request, an acknowledgement its instruction. */
const paramsOf = (path: string) =>
  path.includes('{requestId}') ? ExtensionParams : path.includes('{instructionId}') ? InstructionParams : Params;
// The same rule as POST /v1/cases: a retry sending the key again is applied once (docs/api-notes.md).
const ActionHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .describe('Makes a retry of this action apply it once and answer as the first time did'),
});

interface Deps {
  sql: Sql;
  temporal: Client;
  /** Starts a case still in the outbox when an action finds no run of it (services/case-starter.ts). */
  starter: Pick<CaseStarter, 'startPending'>;
  /** DUBAN_IDEMPOTENCY_TTL in milliseconds; default 30 days. */
  idempotencyTtlMs?: number;
}

/** Checks of an action's input that need the database; the table and the workflow check the rest. */
type InputCheck = (sql: Sql, viewer: Viewer, row: CaseRow, input: Record<string, unknown>) => Promise<void>;

async function assertUnitsExist(sql: Sql, ids: Array<{ path: string; id: string }>): Promise<void> {
  const missing = [];
  for (const { path, id } of ids)
    if (!(await getUnit(sql, id))) missing.push({ path, message: `unit ${id} does not exist` });
  if (missing.length > 0) throw new HttpProblem(422, 'Unprocessable Content', 'unknown unit', { errors: missing });
}

const INPUT_CHECKS: Partial<Record<HttpCaseAction, InputCheck>> = {
  assign: async (sql, _viewer, _row, input) => {
    const { lead, coHandlers = [] } = input as CaseActionArgs['assign'];
    await assertUnitsExist(sql, [
      { path: 'body.lead', id: lead },
      ...coHandlers.map((id, i) => ({ path: `body.coHandlers.${i}`, id })),
    ]);
  },
  close: async (sql, viewer, row, input) => {
    const { duplicateOf } = input as CaseActionArgs['close'];
    if (duplicateOf === undefined) return;
    const original = await findCase(sql, duplicateOf);
    if (!original || !canSeeCase(viewer, original) || original.id === row.id) {
      throw new HttpProblem(422, 'Unprocessable Content', 'duplicateOf must name another existing case', {
        errors: [{ path: 'body.duplicateOf', message: 'no such other case' }],
      });
    }
  },
  // The workflow refuses it too; this answers at once, before an Update that would be refused.
  repinCalendar: async (_sql, _viewer, row, input) => {
    const { calendar } = input as CaseActionArgs['repinCalendar'];
    if (samePinnedCalendar(row.policy.calendar, calendar))
      throw caseActionProblem(
        'CALENDAR_ALREADY_PINNED',
        `the case counts on calendar version ${calendar.version} already: nothing to re-pin`,
        row.status,
      );
  },
};

/** Every path of the case-action table, once (`reports` takes both the lead's report and a contribution). */
const HTTP_PATHS = [
  ...new Set(CASE_ACTIONS.map((action) => (CASE_ACTION_RULES[action] as CaseActionRule).path)),
].filter((path): path is string => path !== null);

const rolesAt = (path: string): Role[] => [
  ...new Set(
    CASE_ACTIONS.filter((action) => CASE_ACTION_RULES[action].path === path)
      .flatMap(rolesFor)
      .filter((role): role is Role => role !== 'system'),
  ),
];

/**
 * Every human action on a case (docs/api.md "Cases"), one route per path of the case-action table.
 * The table refuses at once what it refuses (403 role or relation, 409 status); the workflow's
 * Update validator checks the same table again against the case as it is, and applies the action.
 * With an Idempotency-Key, a retry is applied once and answered as the first time was.
 */
const caseActionRoutes: FastifyPluginAsyncZod<Deps> = async (
  app,
  { sql, temporal, starter, idempotencyTtlMs = DEFAULT_IDEMPOTENCY_TTL_MS },
) => {
  for (const path of HTTP_PATHS) {
    const [first] = CASE_ACTIONS.filter((action) => CASE_ACTION_RULES[action].path === path) as HttpCaseAction[];
    const input = CASE_ACTION_INPUTS[first!];
    const answersRequestId = first === 'requestExtension';
    app.post(
      `/v1/cases/:id/${path.replace('{requestId}', ':requestId').replace('{instructionId}', ':instructionId')}`,
      {
        schema: {
          tags,
          params: paramsOf(path),
          headers: ActionHeaders,
          // Signing for a case, acknowledging an instruction or re-pinning needs no input; `{}` or nothing.
          body: ['accept', 'acknowledgeInstruction', 'repinCalendar'].includes(first!) ? input.nullish() : input,
          response: {
            200: answersRequestId
              ? ActionableCaseViewSchema.extend({ requestId: z.string() })
              : ActionableCaseViewSchema,
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, ...rolesAt(path));
        const params = request.params as { id: string; requestId?: string; instructionId?: string };
        const row = await findCase(sql, params.id);
        if (!row || !canSeeCase(principal, row)) throw notFound('case');

        const actor = actorOf(principal);
        const body = { ...((request.body as object | null | undefined) ?? {}) } as Record<string, unknown>;
        if (params.requestId !== undefined) body.requestId = params.requestId;
        if (params.instructionId !== undefined) body.instructionId = params.instructionId;
        // A re-pin carries the calendar in force now: the workflow counts on what the API loaded. It is
        // the API's input, not the client's: a retry with the same key is the same request whatever
        // the calendar has become meanwhile.
        const loaded = first === 'repinCalendar' ? { calendar: await calendarForRepin(sql, row) } : {};
        const key = request.headers['idempotency-key'];
        const checkFirst = async () => {
          const facts = await caseFactsOfRow(sql, row);
          const action = actionAt(path, actor, facts) as HttpCaseAction;
          const refusal = caseActionRefusal(action, actor, facts, Date.now());
          if (refusal) throw caseActionProblem(refusal.type, refusal.message, row.status);
          await INPUT_CHECKS[action]?.(sql, principal, row, { ...body, ...loaded });
          return action;
        };
        const answer = await executeCaseActionOnce(
          { sql, temporal, starter, idempotencyTtlMs },
          { caseId: row.id, path, tokenId: principal.tokenId, key, actor, body, loaded },
          checkFirst,
        );

        // Read-your-write: the Update answered once the action's events and snapshot were stored.
        const view = await actionableCaseView(sql, (await findCase(sql, row.id)) ?? row, principal);
        return answer.requestId === undefined ? view : { ...view, requestId: answer.requestId };
      },
    );
  }
};

export default caseActionRoutes;
