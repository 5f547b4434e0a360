import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createApiMetrics, type ApiMetrics } from './metrics';
import { openApiOptions } from './openapi';
import type { Sql } from '../shared/db/sql';
import type { Logger } from '../shared/logger';
import authPlugin from './plugins/auth';
import methodNotAllowedPlugin from './plugins/method-not-allowed';
import metricsPlugin from './plugins/metrics';
import textIntegrityPlugin from './plugins/text-integrity';
import problemsPlugin, { sendClientError, sendFrameworkError } from './plugins/problems';
import rateLimitPlugin from './plugins/rate-limit';
import bulletinRoutes from './routes/bulletins';
import campaignRoutes from './routes/campaigns';
import caseActionRoutes from './routes/case-actions';
import caseRoutes from './routes/cases';
import categoryRoutes from './routes/categories';
import dispatchRoutes from './routes/dispatches';
import ledgerRoutes from './routes/ledger';
import localityRoutes from './routes/localities';
import notificationRoutes from './routes/notifications';
import routingRuleRoutes from './routes/routing-rules';
import spotCheckRoutes from './routes/spot-checks';
import tokenRoutes from './routes/tokens';
import unitRoutes from './routes/units';
import visitImportRoutes from './routes/visit-import';
import visitRoutes from './routes/visits';
import healthRoutes from './routes/health';
import { createRoutingService } from './services/routing-service';

export interface AppDeps {
  sql: Sql;
  temporal: Client;
  taskQueue: string;
  logger?: Logger;
  /** Shared with the Temporal client's interceptor; a fresh registry when absent. */
  metrics?: ApiMetrics;
  /** Requests per minute per token (or IP without one); default 600. */
  rateLimitPerMinute?: number;
  /** DUBAN_IDEMPOTENCY_TTL in milliseconds; default 30 days. */
  idempotencyTtlMs?: number;
}

/** Builds the API from injected dependencies; `server.ts` only listens and shuts down. */
export async function buildApp({
  sql,
  temporal,
  taskQueue,
  logger,
  metrics = createApiMetrics(),
  rateLimitPerMinute = 600,
  idempotencyTtlMs,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default generic parameters.
    loggerInstance: logger as FastifyBaseLogger | undefined,
    bodyLimit: 256 * 1024,
    requestTimeout: 30_000,
    return503OnClosing: true,
    // Well above any path id's maxLength (80; the router measures the decoded segment), so an over-long
    // id reaches the params schema and gets its 400; a longer segment still gets sendFrameworkError's.
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: sendClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // First, so that it sees every route, the documentation's too.
  await app.register(methodNotAllowedPlugin);
  await app.register(swagger, openApiOptions);
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(problemsPlugin);
  await app.register(textIntegrityPlugin);
  await app.register(metricsPlugin, { metrics });
  await app.register(rateLimitPlugin, { perMinute: rateLimitPerMinute });
  await app.register(authPlugin, { sql, failedAttemptsPerMinute: rateLimitPerMinute });
  await app.register(healthRoutes, { sql, temporal, taskQueue });
  const routing = createRoutingService(sql);
  const onReferenceChange = () => routing.invalidate();
  await app.register(caseRoutes, { sql, temporal, taskQueue, routing });
  await app.register(caseActionRoutes, { sql, temporal, ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}) });
  await app.register(ledgerRoutes, { sql });
  await app.register(dispatchRoutes, { sql, temporal, taskQueue });
  await app.register(notificationRoutes, { sql });
  await app.register(campaignRoutes, { sql });
  await app.register(visitRoutes, { sql, temporal, taskQueue, routing });
  await app.register(visitImportRoutes, { sql });
  await app.register(spotCheckRoutes, { sql, temporal, taskQueue });
  await app.register(bulletinRoutes, { sql });
  await app.register(unitRoutes, { sql, onReferenceChange });
  await app.register(localityRoutes, { sql, onReferenceChange });
  await app.register(categoryRoutes, { sql, onReferenceChange });
  await app.register(routingRuleRoutes, { sql, routing });
  await app.register(tokenRoutes, { sql });
  return app;
}
