import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acceptUpdate,
  assignUpdate,
  closeUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  followUpUpdate,
  reportUpdate,
  requestExtensionUpdate,
  resolveUpdate,
  returnUpdate,
} from '../../shared/case-contract';
import { findCase, type CaseRow } from '../../shared/db/case-queries';
import type { Sql } from '../../shared/db/sql';
import { getUnit } from '../../shared/db/units';
import { canSeeCase } from '../../shared/domain/access';
import type { Actor } from '../../shared/domain/actor';
import { CaseViewSchema } from '../../shared/domain/case';
import {
  AcceptBodySchema,
  AssignBodySchema,
  CloseBodySchema,
  ExtensionDecisionBodySchema,
  ExtensionRequestBodySchema,
  FollowUpBodySchema,
  ReportBodySchema,
  ResolveBodySchema,
  ReturnBodySchema,
} from '../../shared/domain/case-actions';
import type { Role } from '../../shared/domain/enums';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { executeCaseAction } from '../services/case-actions';
import { toCaseView } from './case-view';

const tags = ['case actions'];
const Params = z.object({ id: z.string().min(1).max(80) });
const ExtensionParams = Params.extend({ requestId: z.string().min(1).max(80) });
const ActionResponse = { 200: CaseViewSchema };

interface Deps {
  sql: Sql;
  temporal: Client;
}

/** The caller and the case, when the caller's role may act at all (403) and sees the case (404). */
async function actingOn(sql: Sql, request: FastifyRequest, caseId: string, roles: Role[]) {
  const principal = requireRole(request, ...roles);
  const row = await findCase(sql, caseId);
  if (!row || !canSeeCase(principal, row)) throw notFound('case');
  const actor: Actor = { id: principal.tokenId, role: principal.role, unitId: principal.unitId };
  return { principal, row, actor };
}

/** The case as it is after the action: the update answered only once its events were stored. */
async function afterAction(sql: Sql, request: FastifyRequest, before: CaseRow) {
  const principal = requireRole(request, 'admin', 'office', 'leader', 'unit', 'visitor');
  return toCaseView((await findCase(sql, before.id)) ?? before, principal);
}

async function assertUnitsExist(sql: Sql, ids: Array<{ path: string; id: string }>): Promise<void> {
  const missing = [];
  for (const { path, id } of ids)
    if (!(await getUnit(sql, id))) missing.push({ path, message: `unit ${id} does not exist` });
  if (missing.length > 0) throw new HttpProblem(422, 'Unprocessable Content', 'unknown unit', { errors: missing });
}

/** API-CONTRACT.md "Cases": every human action on a case, each a Workflow Update. */
const caseActionRoutes: FastifyPluginAsyncZod<Deps> = async (app, { sql, temporal }) => {
  const route = (action: string) => `/v1/cases/:id/${action}`;

  app.post(
    route('accept'),
    { schema: { tags, params: Params, body: AcceptBodySchema.optional(), response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['unit']);
      await executeCaseAction(temporal, row.id, acceptUpdate, actor, {});
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('return'),
    { schema: { tags, params: Params, body: ReturnBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['unit']);
      await executeCaseAction(temporal, row.id, returnUpdate, actor, request.body);
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('reports'),
    { schema: { tags, params: Params, body: ReportBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['unit']);
      // The lead's report meets the weekly duty; a co-handler's is a contribution (DOMAIN.md).
      const update = row.leadUnitId === actor.unitId ? reportUpdate : contributeUpdate;
      await executeCaseAction(temporal, row.id, update, actor, request.body);
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('extension-requests'),
    {
      schema: {
        tags,
        params: Params,
        body: ExtensionRequestBodySchema,
        response: { 200: CaseViewSchema.extend({ requestId: z.string() }) },
      },
    },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['unit']);
      const { requestId } = await executeCaseAction(temporal, row.id, requestExtensionUpdate, actor, request.body);
      return { ...(await afterAction(sql, request, row)), requestId };
    },
  );

  app.post(
    '/v1/cases/:id/extension-requests/:requestId/decision',
    { schema: { tags, params: ExtensionParams, body: ExtensionDecisionBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['office']);
      await executeCaseAction(temporal, row.id, decideExtensionUpdate, actor, {
        requestId: request.params.requestId,
        ...request.body,
      });
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('resolve'),
    { schema: { tags, params: Params, body: ResolveBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['unit']);
      await executeCaseAction(temporal, row.id, resolveUpdate, actor, request.body);
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('follow-up'),
    { schema: { tags, params: Params, body: FollowUpBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['office', 'visitor']);
      await executeCaseAction(temporal, row.id, followUpUpdate, actor, request.body);
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('assign'),
    { schema: { tags, params: Params, body: AssignBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor } = await actingOn(sql, request, request.params.id, ['office']);
      const { lead, coHandlers = [] } = request.body;
      await assertUnitsExist(sql, [
        { path: 'body.lead', id: lead },
        ...coHandlers.map((id, i) => ({ path: `body.coHandlers.${i}`, id })),
      ]);
      await executeCaseAction(temporal, row.id, assignUpdate, actor, request.body);
      return afterAction(sql, request, row);
    },
  );

  app.post(
    route('close'),
    { schema: { tags, params: Params, body: CloseBodySchema, response: ActionResponse } },
    async (request) => {
      const { row, actor, principal } = await actingOn(sql, request, request.params.id, ['office']);
      const { duplicateOf } = request.body;
      if (duplicateOf !== undefined) {
        const original = await findCase(sql, duplicateOf);
        if (!original || !canSeeCase(principal, original) || original.id === row.id) {
          throw new HttpProblem(422, 'Unprocessable Content', 'duplicateOf must name another existing case', {
            errors: [{ path: 'body.duplicateOf', message: 'no such other case' }],
          });
        }
      }
      await executeCaseAction(temporal, row.id, closeUpdate, actor, request.body);
      return afterAction(sql, request, row);
    },
  );
};

export default caseActionRoutes;
