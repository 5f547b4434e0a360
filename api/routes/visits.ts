import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VisitInputSchema, VisitSchema } from '../../shared/domain/campaign';
import { requireRole } from '../plugins/auth';
import type { IntakeDeps } from '../services/case-intake';
import { recordVisit } from '../services/visit-intake';
import { present } from './present';

export type VisitRouteDeps = IntakeDeps;

/** 走访: a visit, and the cases it found, each started as its case workflow. */
const visitRoutes: FastifyPluginAsyncZod<VisitRouteDeps> = async (app, deps) => {
  app.post(
    '/v1/visits',
    {
      schema: {
        tags: ['campaigns and visits'],
        summary: 'Record a visit; each case in it is reported as by POST /v1/cases, with visitId set',
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
            .optional(),
        }),
        body: VisitInputSchema,
        response: { 201: VisitSchema, 200: VisitSchema },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'visitor', 'office');
      const result = await recordVisit(deps, principal, request.body, request.headers['idempotency-key']);
      return reply.code(result.created ? 201 : 200).send({
        ...present(result.visit),
        cases: result.cases.map((c) => ({ id: c.id, status: c.status, routing: c.routing })),
      });
    },
  );
};

export default visitRoutes;
