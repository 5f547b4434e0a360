import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeCase } from '../../shared/domain/access';
import { CaseEventViewSchema, NewCaseSchema, RoutingDecisionSchema } from '../../shared/domain/case';
import { findCase, listCaseEvents } from '../../shared/db/case-queries';
import { isVisitRecordedBy } from '../../shared/db/visits';
import type { Sql } from '../../shared/db/sql';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { reportCase } from '../services/case-intake';
import type { CaseStarter } from '../services/case-starter';
import type { RoutingService } from '../services/routing-service';
import { ActionableCaseViewSchema, actionableCaseView } from '../services/case-facts';

export interface CaseRouteDeps {
  sql: Sql;
  routing: RoutingService;
  starter: CaseStarter;
  /** DUBAN_IDEMPOTENCY_TTL in milliseconds. */
  idempotencyTtlMs?: number;
}

const CaseParams = z.object({ id: z.string().min(1).max(80) });
const IntakeResponse = z.object({ id: z.string(), status: z.string(), routing: RoutingDecisionSchema });

const caseRoutes: FastifyPluginAsyncZod<CaseRouteDeps> = async (app, { sql, routing, starter, idempotencyTtlMs }) => {
  app.post(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Report a problem: routes it and starts its case workflow',
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
            .optional(),
        }),
        body: NewCaseSchema,
        response: { 201: IntakeResponse, 200: IntakeResponse },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'visitor', 'office');
      const { visitId } = request.body;
      // A case counts towards the visit it names: only the visit's own recorder may say so.
      if (visitId !== undefined && !(await isVisitRecordedBy(sql, visitId, principal.tokenId))) {
        throw new HttpProblem(422, 'Unprocessable Content', 'the case was not reported', {
          errors: [{ path: 'body.visitId', message: 'no visit of yours with this id' }],
        });
      }
      const key = request.headers['idempotency-key'];
      const intake = { sql, routing, starter, ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}) };
      const { created, answer } = await reportCase(intake, principal, request.body, key);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/cases/${answer.id}`)
        .send(answer);
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case, as its lead unit and the office see it',
        params: CaseParams,
        response: { 200: ActionableCaseViewSchema },
      },
    },
    async (request) => {
      const viewer = requireRole(request, 'admin', 'office', 'leader', 'unit', 'visitor');
      const row = await findCase(sql, request.params.id);
      if (!row || !canSeeCase(viewer, row)) throw notFound('case');
      return actionableCaseView(sql, row, viewer);
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
