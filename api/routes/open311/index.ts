import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { IntakeDeps } from '../../services/case-intake';
import { Open311Error, sendOpen311Error } from './errors';
import { postRequestRoutes } from './post-request';
import { readRequestRoutes } from './read-requests';
import { referenceRoutes } from './reference-routes';

/**
 * Open311 GeoReport v2 under /open311/v2 (docs/open311.md). Its own plugin scope: form bodies are
 * parsed here only, and every error, a framework's included, is answered in the specification's
 * format instead of problem+json. Hidden from /openapi.json, which documents duban's own API: this
 * one's contract is the specification.
 */
export default async function open311Routes(app: FastifyInstance, intake: IntakeDeps): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.setErrorHandler((error: FastifyError, request, reply) => sendOpen311Error(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendOpen311Error(request, reply, new Open311Error(404, `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  await referenceRoutes(app, intake.sql);
  await postRequestRoutes(app, intake);
  await readRequestRoutes(app, intake.sql);
}
