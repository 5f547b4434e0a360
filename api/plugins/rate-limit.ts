import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problems';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The bucket: the verified token's id, else the client address. Never the presented header: a random
 * bearer per request would get a fresh bucket each (failed attempts are the auth plugin's to count).
 */
function bucketOf(request: FastifyRequest): string {
  return request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`;
}

/** Requests per minute per verified token (or address without one); 429 problem+json with Retry-After past it. Probes are exempt. */
export default fp(
  async (app: FastifyInstance, { perMinute }: { perMinute: number }) => {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      // After every onRequest hook, the auth plugin's included, so the token is known; before the body is read.
      hook: 'preParsing',
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
