import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashToken } from '../../shared/db/tokens';
import { HttpProblem } from './problems';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/** The bucket: the presented bearer token (hashed, so it never sits in memory in clear), else the IP. */
function bucketOf(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  return authorization ? `token:${hashToken(authorization)}` : `ip:${request.ip}`;
}

/** Requests per minute per token; 429 problem+json with Retry-After past it. Probes are exempt. */
export default fp(
  async (app: FastifyInstance, { perMinute }: { perMinute: number }) => {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      keyGenerator: bucketOf,
      allowList: (request) => UNLIMITED.has(request.url.split('?')[0]!),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          'Too Many Requests',
          `more than ${context.max} requests in a minute; retry in ${context.after}`,
        ),
    });
  },
  { name: 'rate-limit', dependencies: ['problems'] },
);
