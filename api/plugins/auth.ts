import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROLES, type Role } from '../../shared/domain/enums';
import { findPrincipal, type Principal } from '../../shared/db/tokens';
import type { Sql } from '../../shared/db/sql';
import { createFailedAttempts, type FailedAttempts } from './failed-attempts';
import { HttpProblem, sendProblem } from './problems';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Failed authentications per client address; the login route counts its refusals here too. */
    authFailures: FailedAttempts;
  }
}

/** Routes that take no bearer: logging in is how one gets one (it counts its failures itself). */
const OPEN_ROUTES = new Set(['POST /v1/sessions']);

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

export interface AuthOptions {
  sql: Sql;
  /** Failed authentications a client address may make in a minute before it is refused unheard (429). */
  failedAttemptsPerMinute: number;
}

/**
 * Resolves `Authorization: Bearer` on every /v1 route; 401 when absent or unknown. The route is the one
 * the router matched (it decodes the path: `/%761/cases` is `/v1/cases`), never the raw URL; a path no
 * route matches is left to be 404. Failures count against the client address, verified calls do not:
 * those are limited per token (or per account, for a person) by the rate-limit plugin. A bearer is a
 * service token or a person's session (shared/db/tokens.ts `findPrincipal`).
 */
export default fp(
  async (app: FastifyInstance, { sql, failedAttemptsPerMinute }: AuthOptions) => {
    const failures = createFailedAttempts(failedAttemptsPerMinute);
    app.decorateRequest('principal', null);
    app.decorate('authFailures', failures);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.routeOptions.url?.startsWith('/v1/')) return;
      if (OPEN_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return;
      const retryAfter = failures.retryAfterSeconds(request.ip);
      if (retryAfter > 0) {
        const detail = `more than ${failedAttemptsPerMinute} failed authentications in a minute from this address; retry in ${retryAfter} s`;
        return sendProblem(
          reply.header('retry-after', String(retryAfter)),
          new HttpProblem(429, 'Too Many Requests', detail),
        );
      }
      const match = BEARER.exec(request.headers.authorization ?? '');
      const principal = match ? await findPrincipal(sql, match[1]!) : null;
      if (!principal) {
        failures.record(request.ip);
        throw new HttpProblem(401, 'Unauthorized', 'a valid bearer token is required');
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['problems'] },
);

/** Every role: for routes any authenticated caller may use (scope still applies to what they see). */
export const ALL_ROLES: readonly Role[] = ROLES;

/** The caller, who must hold one of `roles`; 403 otherwise (the role may not do this at all). */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Principal {
  const principal = request.principal;
  if (!principal) throw new HttpProblem(401, 'Unauthorized', 'a valid bearer token is required');
  if (!roles.includes(principal.role)) {
    throw new HttpProblem(403, 'Forbidden', `the ${principal.role} role may not do this`);
  }
  return principal;
}
