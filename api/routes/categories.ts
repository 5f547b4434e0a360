import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCategory, getCategory, listCategories, updateCategory } from '../../shared/db/categories';
import type { Sql } from '../../shared/db/sql';
import {
  CategoryInputSchema,
  CategoryPatchSchema,
  CategorySchema,
  CodeSchema,
  PageQuerySchema,
  pageOf,
} from '../../shared/domain/reference';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { notFound } from '../plugins/problems';
import { refusePolicyBelowFloor, type PolicyFloor } from './policy-floor';
import { present, presentPage } from './present';

const tags = ['reference data'];
const Params = z.object({ code: CodeSchema });

/** Categories (业务类别) and their versioned policies: a policy change makes a new version. */
const categoryRoutes: FastifyPluginAsyncZod<{
  sql: Sql;
  onReferenceChange: () => void;
  /** DUBAN_POLICY_MIN_DURATION; null: no floor. */
  policyFloor?: PolicyFloor | null;
}> = async (app, { sql, onReferenceChange, policyFloor = null }) => {
  app.get(
    '/v1/categories',
    { schema: { tags, querystring: PageQuerySchema, response: { 200: pageOf(CategorySchema) } } },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return presentPage(await listCategories(sql, request.query));
    },
  );

  app.post(
    '/v1/categories',
    { schema: { tags, body: CategoryInputSchema, response: { 201: CategorySchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      refusePolicyBelowFloor(request.body.policy, policyFloor);
      const category = await createCategory(sql, request.body);
      onReferenceChange();
      return reply.code(201).header('location', `/v1/categories/${category.code}`).send(present(category));
    },
  );

  app.get(
    '/v1/categories/:code',
    { schema: { tags, params: Params, response: { 200: CategorySchema } } },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      const category = await getCategory(sql, request.params.code);
      if (!category) throw notFound('category');
      return present(category);
    },
  );

  app.patch(
    '/v1/categories/:code',
    { schema: { tags, params: Params, body: CategoryPatchSchema, response: { 200: CategorySchema } } },
    async (request) => {
      requireRole(request, 'admin');
      refusePolicyBelowFloor(request.body.policy, policyFloor);
      const category = await updateCategory(sql, request.params.code, request.body);
      if (!category) throw notFound('category');
      onReferenceChange();
      return present(category);
    },
  );
};

export default categoryRoutes;
