import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUnit, getUnit, listUnits, rotateWebhookSecret, updateUnit, type Unit } from '../../shared/db/units';
import type { Sql } from '../../shared/db/sql';
import { UNIT_KINDS } from '../../shared/domain/enums';
import {
  CodeSchema,
  PageQuerySchema,
  UnitInputSchema,
  UnitPatchSchema,
  UnitSchema,
  pageOf,
} from '../../shared/domain/reference';
import type { Principal } from '../../shared/db/tokens';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { NO_WEBHOOK_ALLOW_LIST, refusedWebhookTarget, type WebhookAllowList } from '../../shared/webhook-target';
import { present, presentPage } from './present';
import { NoBody } from './no-body';

const tags = ['reference data'];
const Params = z.object({ id: CodeSchema });

/** A unit as read: the webhook target (an internal address) only for admins, the leader's contact also for the office. */
const UnitViewSchema = UnitSchema.extend({
  webhookUrl: UnitSchema.shape.webhookUrl.optional().describe('admin only'),
  leaderContact: UnitSchema.shape.leaderContact.optional().describe('admin and office only'),
});

type UnitView = Omit<Unit, 'webhookUrl' | 'leaderContact'> & Partial<Pick<Unit, 'webhookUrl' | 'leaderContact'>>;

function unitViewFor(principal: Principal, unit: Unit): UnitView {
  const { webhookUrl, leaderContact, ...everyone } = unit;
  return {
    ...everyone,
    ...(principal.role === 'admin' ? { webhookUrl } : {}),
    ...(principal.role === 'admin' || principal.role === 'office' ? { leaderContact } : {}),
  };
}

const WebhookSecretSchema = z.object({
  unitId: z.string(),
  secret: z.string().describe('shown once: sign-checks every webhook to this unit from now on'),
  rotatedAt: z.string(),
});

/** Refuses (422) a webhook on loopback, link-local or private addresses, unless DUBAN_WEBHOOK_ALLOW names it. */
async function checkWebhookUrl(url: string | null | undefined, allow: WebhookAllowList): Promise<void> {
  if (!url) return;
  const refused = await refusedWebhookTarget(url, allow);
  if (refused) {
    throw new HttpProblem(422, 'Unprocessable Content', 'the unit was not stored', {
      errors: [{ path: 'body.webhookUrl', message: refused }],
    });
  }
}

export interface UnitRouteDeps {
  sql: Sql;
  onReferenceChange: () => void;
  /** DUBAN_WEBHOOK_ALLOW; absent, no internal target is allowed. */
  webhookAllow?: WebhookAllowList;
}

/** Units (单位): admins write, every role reads (what it may see of them). */
const unitRoutes: FastifyPluginAsyncZod<UnitRouteDeps> = async (
  app,
  { sql, onReferenceChange, webhookAllow = NO_WEBHOOK_ALLOW_LIST },
) => {
  app.get(
    '/v1/units',
    {
      schema: {
        tags,
        querystring: PageQuerySchema.extend({ kind: z.enum(UNIT_KINDS).optional() }),
        response: { 200: pageOf(UnitViewSchema) },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...ALL_ROLES);
      const page = await listUnits(sql, request.query);
      return presentPage({ ...page, items: page.items.map((unit) => unitViewFor(principal, unit)) });
    },
  );

  app.post(
    '/v1/units',
    { schema: { tags, body: UnitInputSchema, response: { 201: UnitSchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      await checkWebhookUrl(request.body.webhookUrl, webhookAllow);
      const unit = await createUnit(sql, request.body);
      onReferenceChange();
      return reply.code(201).header('location', `/v1/units/${unit.id}`).send(present(unit));
    },
  );

  app.get('/v1/units/:id', { schema: { tags, params: Params, response: { 200: UnitViewSchema } } }, async (request) => {
    const principal = requireRole(request, ...ALL_ROLES);
    const unit = await getUnit(sql, request.params.id);
    if (!unit) throw notFound('unit');
    return present(unitViewFor(principal, unit));
  });

  app.patch(
    '/v1/units/:id',
    { schema: { tags, params: Params, body: UnitPatchSchema, response: { 200: UnitSchema } } },
    async (request) => {
      requireRole(request, 'admin');
      await checkWebhookUrl(request.body.webhookUrl, webhookAllow);
      const unit = await updateUnit(sql, request.params.id, request.body);
      if (!unit) throw notFound('unit');
      onReferenceChange();
      return present(unit);
    },
  );

  app.post(
    '/v1/units/:id/webhook-secret',
    {
      schema: {
        tags,
        summary: 'Give the unit a new webhook secret (shown once); the old one stops signing at once',
        params: Params,
        body: NoBody,
        response: { 201: WebhookSecretSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const rotated = await rotateWebhookSecret(sql, request.params.id);
      if (!rotated) throw notFound('unit');
      void reply.header('cache-control', 'no-store');
      return reply
        .code(201)
        .send({ unitId: request.params.id, secret: rotated.secret, rotatedAt: rotated.rotatedAt.toISOString() });
    },
  );
};

export default unitRoutes;
