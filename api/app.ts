import type { KeyObject } from 'node:crypto';
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
import consolePlugin from './plugins/console';
import methodNotAllowedPlugin from './plugins/method-not-allowed';
import metricsPlugin from './plugins/metrics';
import textIntegrityPlugin from './plugins/text-integrity';
import problemsPlugin, { sendClientError, sendFrameworkError } from './plugins/problems';
import rateLimitPlugin from './plugins/rate-limit';
import bulletinRoutes from './routes/bulletins';
import statisticsRoutes from './routes/statistics';
import calendarRoutes from './routes/calendar';
import campaignRoutes from './routes/campaigns';
import caseActionRoutes from './routes/case-actions';
import auditRoutes from './routes/audit';
import caseRoutes from './routes/cases';
import categoryRoutes from './routes/categories';
import dispatchRoutes from './routes/dispatches';
import ledgerRoutes from './routes/ledger';
import inboxRoutes from './routes/inbox';
import localityRoutes from './routes/localities';
import open311Routes from './routes/open311';
import notificationRoutes from './routes/notifications';
import routingRuleRoutes from './routes/routing-rules';
import whatIfRoutes from './routes/routing-what-if';
import spotCheckRoutes from './routes/spot-checks';
import tokenRoutes from './routes/tokens';
import accountRoutes from './routes/accounts';
import sessionRoutes from './routes/sessions';
import unitRoutes from './routes/units';
import visitImportRoutes from './routes/visit-import';
import visitRoutes from './routes/visits';
import reporterRoutes from './routes/reporters';
import { policyFloorOf } from './routes/policy-floor';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits } from './exports/export-slots';
import { NO_WEBHOOK_ALLOW_LIST, type WebhookAllowList } from '../shared/webhook-target';
import healthRoutes from './routes/health';
import { createCaseStarter, watchCaseStartBacklog } from './services/case-starter';
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
  /** DUBAN_EXPORTS_PER_CALLER, DUBAN_EXPORTS_TOTAL, DUBAN_EXPORT_DEADLINE (api/exports/export-slots.ts). */
  exportLimits?: ExportLimits;
  /** DUBAN_WEBHOOK_ALLOW: internal webhook targets an admin may set; default none. */
  webhookAllow?: WebhookAllowList;
  /** DUBAN_POLICY_MIN_DURATION: the shortest policy duration; default none. */
  policyMinDuration?: string;
  /** DUBAN_SESSION_TTL in milliseconds; default 12 hours. */
  sessionTtlMs?: number;
  /** The audit checkpoint key's public half; without it, verify reports signatures as unchecked. */
  auditPublicKey?: KeyObject | null;
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
  exportLimits = DEFAULT_EXPORT_LIMITS,
  webhookAllow = NO_WEBHOOK_ALLOW_LIST,
  policyMinDuration,
  sessionTtlMs = 12 * 3_600_000,
  auditPublicKey = null,
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
  const starter = createCaseStarter({ sql, temporal, taskQueue, logger: app.log });
  watchCaseStartBacklog(metrics.registry, sql, taskQueue);
  // A start begun for a report already answered finishes before the API lets go of its clients.
  app.addHook('onClose', () => starter.settle());
  await app.register(caseRoutes, { sql, routing, starter, ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}) });
  await app.register(caseActionRoutes, { sql, temporal, starter, ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}) });
  await app.register(ledgerRoutes, { sql, exportLimits });
  await app.register(inboxRoutes, { sql });
  await app.register(dispatchRoutes, { sql, temporal, taskQueue });
  await app.register(notificationRoutes, { sql });
  await app.register(campaignRoutes, { sql });
  await app.register(visitRoutes, { sql, routing, starter, ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}) });
  await app.register(visitImportRoutes, { sql });
  await app.register(spotCheckRoutes, { sql, temporal, taskQueue });
  await app.register(bulletinRoutes, { sql });
  await app.register(statisticsRoutes, { sql });
  await app.register(unitRoutes, { sql, onReferenceChange, webhookAllow });
  await app.register(localityRoutes, { sql, onReferenceChange });
  await app.register(open311Routes, {
    prefix: '/open311/v2',
    sql,
    routing,
    starter,
    ...(idempotencyTtlMs ? { idempotencyTtlMs } : {}),
  });
  await app.register(categoryRoutes, { sql, onReferenceChange, policyFloor: policyFloorOf(policyMinDuration) });
  await app.register(reporterRoutes, { sql });
  await app.register(routingRuleRoutes, { sql, routing });
  await app.register(whatIfRoutes, { sql });
  await app.register(tokenRoutes, { sql });
  await app.register(sessionRoutes, { sql, sessionTtlMs });
  await app.register(accountRoutes, { sql });
  await app.register(auditRoutes, { sql, auditPublicKey });
  await app.register(calendarRoutes, { sql });
  // Last: the web console's files and its deep links, at `/` (docs/console.md).
  await app.register(consolePlugin);
  return app;
}
