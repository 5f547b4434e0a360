import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDispatchBatch, listDispatchBatches } from '../../shared/db/dispatch-queries';
import type { Sql } from '../../shared/db/sql';
import { dispatchBatchWorkflowId, type DispatchBatchInput } from '../../shared/contracts/dispatch';
import { actorOf } from '../../shared/domain/actor';
import { PageQuerySchema, pageOf } from '../../shared/domain/reference';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { requireRole } from '../plugins/auth';
import { notFound } from '../plugins/problems';
import { DISPATCH_DEADLINE_MS, withTemporalDeadline } from '../services/temporal-deadline';
import { present, presentPage } from './present';
import { NoBody } from './no-body';

const tags = ['dispatch'];

const BatchSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  kind: z.enum(['batch', 'urgent']),
  at: z.string(),
  caseCount: z.number().int(),
});

const BatchResultSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  at: z.string(),
  cases: z.array(z.object({ caseId: z.string(), lead: z.string() })),
  skipped: z.array(z.object({ caseId: z.string(), reason: z.string() })),
});

const BatchDetailSchema = BatchSummarySchema.extend({
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string().nullable(),
      cases: z.array(
        z.object({
          caseId: z.string(),
          title: z.string(),
          categoryName: z.string().nullable(),
          localityName: z.string().nullable(),
          outcome: z.string().nullable(),
        }),
      ),
    }),
  ),
});

/** A unit reads its own 交办单 only: the cases a batch handed it to lead (404 for a batch with none). */
const leadUnitOf = (principal: { role: string; unitId: string | null }): string | null =>
  principal.role === 'unit' ? (principal.unitId ?? '') : null;

/** 集中交办: the office dispatches every queued case now; batches and their per-unit lists. */
const dispatchRoutes: FastifyPluginAsyncZod<{ sql: Sql; temporal: Client; taskQueue: string }> = async (
  app,
  { sql, temporal, taskQueue },
) => {
  app.post(
    '/v1/dispatches',
    // No input: `{}` or no body (which Fastify hands over as null); a field we would ignore is refused.
    { schema: { tags, body: NoBody, response: { 201: BatchResultSchema } } },
    async (request, reply) => {
      const principal = requireRole(request, 'office');
      const batchId = `dispatch-${randomUUID()}`;
      const input: DispatchBatchInput = {
        requestedBy: actorOf(principal),
      };
      const batch = await withTemporalDeadline(temporal, DISPATCH_DEADLINE_MS, () =>
        executeWorkflow(temporal, 'dispatchBatchWorkflow', {
          workflowId: dispatchBatchWorkflowId(batchId),
          taskQueue,
          args: [input],
        }),
      );
      return reply.code(201).header('location', `/v1/dispatches/${batch.id}`).send(batch);
    },
  );

  app.get(
    '/v1/dispatches',
    { schema: { tags, querystring: PageQuerySchema, response: { 200: pageOf(BatchSummarySchema) } } },
    async (request) => {
      const principal = requireRole(request, 'office', 'leader', 'unit');
      return presentPage(await listDispatchBatches(sql, request.query, leadUnitOf(principal)));
    },
  );

  app.get(
    '/v1/dispatches/:id',
    { schema: { tags, params: z.object({ id: z.string().min(1).max(80) }), response: { 200: BatchDetailSchema } } },
    async (request) => {
      const principal = requireRole(request, 'office', 'leader', 'unit');
      const batch = await getDispatchBatch(sql, request.params.id, leadUnitOf(principal));
      if (!batch) throw notFound('dispatch batch');
      return present(batch);
    },
  );
};

export default dispatchRoutes;
