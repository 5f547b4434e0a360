import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createLocality, listLocalities } from '../../shared/db/localities';
import type { Sql } from '../../shared/db/sql';
import {
  CodeSchema,
  LocalityInputSchema,
  LocalitySchema,
  PageQuerySchema,
  pageOf,
} from '../../shared/domain/reference';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { present, presentPage } from './present';

const tags = ['reference data'];

/** The locality tree (属地): admins write, every role reads; `parentCode` lists one level. */
const localityRoutes: FastifyPluginAsyncZod<{ sql: Sql; onReferenceChange: () => void }> = async (
  app,
  { sql, onReferenceChange },
) => {
  app.get(
    '/v1/localities',
    {
      schema: {
        tags,
        querystring: PageQuerySchema.extend({ parentCode: CodeSchema.optional() }),
        response: { 200: pageOf(LocalitySchema) },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return presentPage(await listLocalities(sql, request.query));
    },
  );

  app.post(
    '/v1/localities',
    { schema: { tags, body: LocalityInputSchema, response: { 201: LocalitySchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const locality = await createLocality(sql, request.body);
      onReferenceChange();
      return reply.code(201).header('location', `/v1/localities/${locality.code}`).send(present(locality));
    },
  );
};

export default localityRoutes;
