import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logIn } from '../../shared/accounts/log-in';
import { endSession } from '../../shared/db/sessions';
import type { Sql } from '../../shared/db/sql';
import { SessionInputSchema, SessionSchema } from '../../shared/domain/account';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem, sendProblem } from '../plugins/problems';
import { present } from './present';
import { NoBody } from './no-body';

const tags = ['accounts'];

/** Logging in and out (docs/accounts.md): a person's login and password for a bearer that expires. */
const sessionRoutes: FastifyPluginAsyncZod<{ sql: Sql; sessionTtlMs: number }> = async (app, { sql, sessionTtlMs }) => {
  app.post(
    '/v1/sessions',
    {
      schema: {
        tags,
        security: [],
        description:
          'Needs no bearer. 401 for a wrong pair, an unknown login or a disabled account alike; 429 with ' +
          'Retry-After while the account is locked after failed attempts, or this address has failed too often.',
        body: SessionInputSchema,
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const failures = app.authFailures;
      const addressWait = failures.retryAfterSeconds(request.ip);
      if (addressWait > 0) {
        const detail = `too many failed authentications from this address; retry in ${addressWait} s`;
        return sendProblem(
          reply.header('retry-after', String(addressWait)),
          new HttpProblem(429, 'Too Many Requests', detail),
        );
      }
      const result = await logIn(sql, request.body, sessionTtlMs);
      if (result.outcome === 'locked') {
        const detail = `too many failed logins; this login is locked for ${result.retryAfterSeconds} s`;
        return sendProblem(
          reply.header('retry-after', String(result.retryAfterSeconds)),
          new HttpProblem(429, 'Too Many Requests', detail),
        );
      }
      if (result.outcome === 'refused') {
        failures.record(request.ip);
        throw new HttpProblem(401, 'Unauthorized', 'the login and password do not match an active account');
      }
      const { session, account } = result;
      return reply
        .code(201)
        .send({ token: session.token, expiresAt: session.expiresAt.toISOString(), account: present(account) });
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      schema: {
        tags,
        description: 'Ends the session whose bearer calls it.',
        body: NoBody,
        response: { 204: z.null().describe('the session has ended') },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...ALL_ROLES);
      if (!principal.sessionId) {
        throw new HttpProblem(
          403,
          'Forbidden',
          'a service token has no session to end; an admin revokes it (DELETE /v1/tokens/{id})',
        );
      }
      await endSession(sql, principal.sessionId);
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
