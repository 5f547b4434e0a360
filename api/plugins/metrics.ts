import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiMetrics } from '../metrics';

/** Prometheus text at /metrics (no token, docs/api.md), with requests labelled by route template. */
export default fp(
  async (app: FastifyInstance, { metrics }: { metrics: ApiMetrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: request.method, route, status: reply.statusCode },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  },
  { name: 'metrics' },
);
