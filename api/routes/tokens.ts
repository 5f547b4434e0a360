import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUnit } from '../../shared/db/units';
import type { Sql } from '../../shared/db/sql';
import { createToken, listTokens, revokeToken } from '../../shared/db/tokens';
import { ROLES } from '../../shared/domain/enums';
import { PageQuerySchema, TokenInputSchema, pageOf } from '../../shared/domain/reference';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { presentPage } from './present';
import { NoBody } from './no-body';

const tags = ['administration'];

const expiresAt = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('after this the token is refused (401); absent: until revoked');
const [unitToken, otherToken] = TokenInputSchema.options;
const NewTokenSchema = z.discriminatedUnion('role', [
  unitToken.extend({ expiresAt }),
  otherToken.extend({ expiresAt }),
]);

const TokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const CreatedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  expiresAt: z.string().nullable(),
  token: z.string().describe('shown once: only its SHA-256 digest is stored'),
});

const unprocessable = (path: string, message: string) =>
  new HttpProblem(422, 'Unprocessable Content', message, { errors: [{ path, message }] });

/**
 * Service tokens, for machines (people log in: docs/accounts.md): admins create, list and revoke them;
 * the value is answered once and stored only as a digest, and the list never shows it.
 */
const tokenRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/tokens',
    { schema: { tags, querystring: PageQuerySchema, response: { 200: pageOf(TokenSummarySchema) } } },
    async (request) => {
      requireRole(request, 'admin');
      return presentPage(await listTokens(sql, request.query));
    },
  );

  app.post(
    '/v1/tokens',
    { schema: { tags, body: NewTokenSchema, response: { 201: CreatedTokenSchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { name, role, unitId } = request.body;
      if (unitId && !(await getUnit(sql, unitId))) throw unprocessable('body.unitId', `unit ${unitId} does not exist`);
      const expiry = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiry && expiry.getTime() <= Date.now()) throw unprocessable('body.expiresAt', 'must be in the future');
      const created = await createToken(sql, { name, role, unitId: unitId ?? null, expiresAt: expiry });
      return reply.code(201).send({
        id: created.id,
        name,
        role,
        unitId: unitId ?? null,
        expiresAt: expiry?.toISOString() ?? null,
        token: created.token,
      });
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      schema: {
        tags,
        description: 'Revokes at once: the next call with the token is refused (401). Revoking twice is harmless.',
        params: z.object({ id: z.string().max(80) }),
        body: NoBody,
        response: { 204: z.null().describe('revoked') },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      if (!(await revokeToken(sql, request.params.id))) throw notFound('token');
      return reply.code(204).send(null);
    },
  );
};

export default tokenRoutes;
