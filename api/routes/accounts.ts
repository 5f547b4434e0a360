import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountRuleError, changeAccount, openAccount } from '../../shared/accounts/manage-accounts';
import { getAccount, listAccounts } from '../../shared/db/accounts';
import type { Sql } from '../../shared/db/sql';
import { AccountInputSchema, AccountPatchSchema, AccountViewSchema } from '../../shared/domain/account';
import { PageQuerySchema, pageOf } from '../../shared/domain/reference';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { present, presentPage } from './present';

const tags = ['accounts'];
const Params = z.object({ id: z.string().max(80) });

/** The account rules' refusals (weak password, a unit the role may not hold) as 422 naming the field. */
async function underAccountRules<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AccountRuleError)) throw error;
    throw new HttpProblem(422, 'Unprocessable Content', error.message, {
      errors: [{ path: `body.${error.field}`, message: error.message }],
    });
  }
}

/** People's accounts (docs/accounts.md): admins only. Password hashes never leave the database. */
const accountRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/accounts',
    { schema: { tags, querystring: PageQuerySchema, response: { 200: pageOf(AccountViewSchema) } } },
    async (request) => {
      requireRole(request, 'admin');
      return presentPage(await listAccounts(sql, request.query));
    },
  );

  app.post(
    '/v1/accounts',
    {
      schema: {
        tags,
        description:
          '409 when the login is taken (whatever its case); 422 for a weak password or a unit the role may not hold.',
        body: AccountInputSchema,
        response: { 201: AccountViewSchema },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const account = await underAccountRules(() => openAccount(sql, request.body));
      return reply.code(201).header('location', `/v1/accounts/${account.id}`).send(present(account));
    },
  );

  app.get(
    '/v1/accounts/:id',
    { schema: { tags, params: Params, response: { 200: AccountViewSchema } } },
    async (request) => {
      requireRole(request, 'admin');
      const account = await getAccount(sql, request.params.id);
      if (!account) throw notFound('account');
      return present(account);
    },
  );

  app.patch(
    '/v1/accounts/:id',
    {
      schema: {
        tags,
        description: 'Disabling (`active: false`) or a new password ends every session of the account at once.',
        params: Params,
        body: AccountPatchSchema,
        response: { 200: AccountViewSchema },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const account = await underAccountRules(() => changeAccount(sql, request.params.id, request.body));
      if (!account) throw notFound('account');
      return present(account);
    },
  );
};

export default accountRoutes;
