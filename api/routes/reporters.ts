import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseReporterEverywhere } from '../../shared/db/reporter-erasure';
import type { Sql } from '../../shared/db/sql';
import { actorOf } from '../../shared/domain/actor';
import { requireRole } from '../plugins/auth';
import { notFound } from '../plugins/problems';
import { NoBody } from './no-body';

const ErasureSchema = z.object({
  reporterId: z.string(),
  erasedAt: z.string(),
  cases: z
    .array(z.object({ caseId: z.string(), seq: z.number().int() }))
    .describe('the cases an `erased` event was recorded on by this call; empty when erased before'),
});

/** A resident's right to be forgotten: an admin erases what they gave (docs/domain.md "Audit trail and privacy"). */
const reporterRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.post(
    '/v1/reporters/:id/erasure',
    {
      schema: {
        tags: ['administration'],
        summary: 'Erase a reporter: name, phone and the description they typed; an `erased` event on each case',
        params: z.object({ id: z.uuid() }),
        body: NoBody,
        response: { 200: ErasureSchema },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const outcome = await eraseReporterEverywhere(sql, request.params.id, actorOf(admin));
      if (!outcome) throw notFound('reporter');
      return { ...outcome, erasedAt: outcome.erasedAt.toISOString() };
    },
  );
};

export default reporterRoutes;
