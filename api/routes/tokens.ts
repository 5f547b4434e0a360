import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUnit } from '../../shared/db/units';
import type { Sql } from '../../shared/db/sql';
import { createToken } from '../../shared/db/tokens';
import { ROLES } from '../../shared/domain/enums';
import { TokenInputSchema } from '../../shared/domain/reference';
import { requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';

const CreatedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  token: z.string().describe('shown once: only its SHA-256 digest is stored'),
});

/** API tokens: admins create them; the value is answered once and stored only as a digest. */
const tokenRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.post(
    '/v1/tokens',
    { schema: { tags: ['administration'], body: TokenInputSchema, response: { 201: CreatedTokenSchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { name, role, unitId } = request.body;
      if (unitId && !(await getUnit(sql, unitId))) {
        throw new HttpProblem(422, 'Unprocessable Content', `unit ${unitId} does not exist`, {
          errors: [{ path: 'body.unitId', message: 'unknown unit' }],
        });
      }
      const created = await createToken(sql, { name, role, unitId: unitId ?? null });
      return reply.code(201).send({ id: created.id, name, role, unitId: unitId ?? null, token: created.token });
    },
  );
};

export default tokenRoutes;
