import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROLES, type Role } from '../../shared/domain/enums';
import { findPrincipal, type Principal } from '../../shared/db/tokens';
import type { Sql } from '../../shared/db/sql';
import { HttpProblem } from './problems';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Resolves `Authorization: Bearer` on every /v1 route; 401 when absent or unknown. */
export default fp(
  async (app: FastifyInstance, { sql }: { sql: Sql }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/v1/')) return;
      const match = BEARER.exec(request.headers.authorization ?? '');
      const principal = match ? await findPrincipal(sql, match[1]!) : null;
      if (!principal) throw new HttpProblem(401, 'Unauthorized', 'a valid bearer token is required');
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
