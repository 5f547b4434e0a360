import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUnit, getUnit, listUnits, updateUnit } from '../../shared/db/units';
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
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { notFound } from '../plugins/problems';
import { present, presentPage } from './present';

const tags = ['reference data'];
const Params = z.object({ id: CodeSchema });

/** Units (单位): admins write, every role reads. */
const unitRoutes: FastifyPluginAsyncZod<{ sql: Sql; onReferenceChange: () => void }> = async (
  app,
  { sql, onReferenceChange },
) => {
  app.get(
    '/v1/units',
    {
      schema: {
        tags,
        querystring: PageQuerySchema.extend({ kind: z.enum(UNIT_KINDS).optional() }),
        response: { 200: pageOf(UnitSchema) },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return presentPage(await listUnits(sql, request.query));
    },
  );

  app.post(
    '/v1/units',
    { schema: { tags, body: UnitInputSchema, response: { 201: UnitSchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const unit = await createUnit(sql, request.body);
      onReferenceChange();
      return reply.code(201).header('location', `/v1/units/${unit.id}`).send(present(unit));
    },
  );

  app.get('/v1/units/:id', { schema: { tags, params: Params, response: { 200: UnitSchema } } }, async (request) => {
    requireRole(request, ...ALL_ROLES);
    const unit = await getUnit(sql, request.params.id);
    if (!unit) throw notFound('unit');
    return present(unit);
  });

  app.patch(
    '/v1/units/:id',
    { schema: { tags, params: Params, body: UnitPatchSchema, response: { 200: UnitSchema } } },
    async (request) => {
      requireRole(request, 'admin');
      const unit = await updateUnit(sql, request.params.id, request.body);
      if (!unit) throw notFound('unit');
      onReferenceChange();
      return present(unit);
    },
  );
};

export default unitRoutes;
