import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOutbox } from '../../shared/db/notification-queries';
import type { Sql } from '../../shared/db/sql';
import { CodeSchema, PageQuerySchema, pageOf } from '../../shared/domain/reference';
import { DELIVERY_STATUSES, NOTIFICATION_KINDS } from '../../shared/contracts/notification';
import { HttpProblem } from '../plugins/problems';
import { requireRole } from '../plugins/auth';
import { presentPage } from './present';

const tags = ['notifications'];

const OutboxEntrySchema = z.object({
  id: z.string(),
  deliveryId: z.string().describe('the X-Duban-Delivery header of the webhook requests for this entry'),
  unitId: z.string(),
  caseId: z.string().nullable(),
  kind: z.enum(NOTIFICATION_KINDS),
  level: z.number().int(),
  recipientUnitIds: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  at: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

const OutboxQuerySchema = PageQuerySchema.extend({
  unit: CodeSchema.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});

/**
 * The outbox (reminders, notices, escalations, assignments, bulletins) per recipient, newest first,
 * with each delivery's state: how a unit without a webhook reads what it was sent. The office and
 * leaders see every unit's; a unit token its own unit's only, and of those about a case only the ones
 * about cases it may see.
 */
const notificationRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Notifications per recipient unit and their webhook delivery',
        querystring: OutboxQuerySchema,
        response: { 200: pageOf(OutboxEntrySchema) },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'office', 'leader', 'unit');
      let unit = request.query.unit;
      if (principal.role === 'unit') {
        // Units are public reference data: saying "not yours" reveals nothing a 404 would hide.
        if (!principal.unitId || (unit !== undefined && unit !== principal.unitId)) {
          throw new HttpProblem(403, 'Forbidden', "a unit token lists only its own unit's notifications");
        }
        unit = principal.unitId;
      }
      return presentPage(await listOutbox(sql, principal, { ...request.query, unit }));
    },
  );
};

export default notificationRoutes;
