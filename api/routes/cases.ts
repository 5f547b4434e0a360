import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseWorkflowId, intakeUpdate, type CaseWorkflowInput } from '../../shared/case-contract';
import { canSeeCase } from '../../shared/domain/access';
import { CaseEventViewSchema, CaseViewSchema, NewCaseSchema, RoutingDecisionSchema } from '../../shared/domain/case';
import { findCase, listCaseEvents } from '../../shared/db/case-queries';
import { loadCategoryPolicy } from '../../shared/db/reference';
import { createReporter } from '../../shared/db/reporters';
import type { Sql } from '../../shared/db/sql';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import type { RoutingService } from '../services/routing-service';
import { toCaseView } from './case-view';

export interface CaseRouteDeps {
  sql: Sql;
  temporal: Client;
  taskQueue: string;
  routing: RoutingService;
}

const CaseParams = z.object({ id: z.string().min(1).max(80) });

const caseRoutes: FastifyPluginAsyncZod<CaseRouteDeps> = async (app, { sql, temporal, taskQueue, routing }) => {
  app.post(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Report a problem: routes it and starts its case workflow',
        body: NewCaseSchema,
        response: { 201: z.object({ id: z.string(), status: z.string(), routing: RoutingDecisionSchema }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'visitor', 'office');
      const body = request.body;
      const { decision, reference } = await routing.decide(body);
      const problems = [
        !reference.categories.some((c) => c.code === body.category) && {
          path: 'body.category',
          message: 'unknown category',
        },
        !reference.localities.some((l) => l.code === body.locality) && {
          path: 'body.locality',
          message: 'unknown locality',
        },
      ].filter((p): p is { path: string; message: string } => p !== false);
      if (problems.length > 0)
        throw new HttpProblem(422, 'Unprocessable Content', 'unknown reference data', { errors: problems });
      const policy = await loadCategoryPolicy(sql, body.category);
      if (!policy) throw new HttpProblem(422, 'Unprocessable Content', `category ${body.category} has no policy`);

      const caseId = `case-${randomUUID()}`;
      const reporterId = body.reporter ? await createReporter(sql, body.reporter) : null;
      const input: CaseWorkflowInput = {
        caseId,
        kind: body.kind,
        category: body.category,
        title: body.title,
        description: body.description,
        locality: body.locality,
        priority: body.priority,
        reporterId,
        visitId: body.visitId ?? null,
        reportedAt: new Date().toISOString(),
        reportedBy: { id: principal.tokenId, role: principal.role, unitId: principal.unitId },
        routing: decision,
        policy,
        resolvedOnSpot: body.resolvedOnSpot ?? null,
      };
      const startWorkflowOperation = new WithStartWorkflowOperation('caseWorkflow', {
        workflowId: caseWorkflowId(caseId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const state = await temporal.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation });
      return reply
        .code(201)
        .header('location', `/v1/cases/${caseId}`)
        .send({ id: caseId, status: state.status, routing: state.routing });
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case, as its lead unit and the office see it',
        params: CaseParams,
        response: { 200: CaseViewSchema },
      },
    },
    async (request) => {
      const viewer = requireRole(request, 'admin', 'office', 'leader', 'unit', 'visitor');
      const row = await findCase(sql, request.params.id);
      if (!row || !canSeeCase(viewer, row)) throw notFound('case');
      return toCaseView(row, viewer);
    },
  );

  app.get(
    '/v1/cases/:id/events',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case audit trail, oldest first',
        params: CaseParams,
        response: { 200: z.object({ items: z.array(CaseEventViewSchema) }) },
      },
    },
    async (request) => {
      const viewer = requireRole(request, 'admin', 'office', 'leader', 'unit', 'visitor');
      const row = await findCase(sql, request.params.id);
      if (!row || !canSeeCase(viewer, row)) throw notFound('case');
      const events = await listCaseEvents(sql, row.id);
      return { items: events.map((e) => ({ ...e, at: e.at.toISOString() })) };
    },
  );
};

export default caseRoutes;
