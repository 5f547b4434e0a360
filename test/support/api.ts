import type { KeyObject } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { Sql } from '../../shared/db/sql';
import { appSqlOf } from './database';
import { watchResponsesAgainstOpenApi } from './openapi-contract';

export interface ApiHarness {
  app: FastifyInstance;
  /** Closes the app; throws when any response broke the app's own OpenAPI document. */
  close(): Promise<void>;
}

/**
 * The real app on a test database. With `temporal`, it talks to that worker's task queue; without,
 * it gets a client on the run's dev server and no worker (enough for routes that start nothing).
 */
export interface TestAppOptions {
  temporal?: { client: Client; taskQueue: string } | undefined;
  rateLimitPerMinute?: number;
  /** The audit checkpoint key's public half, for the verify route's signature check. */
  auditPublicKey?: KeyObject;
}

export async function buildTestApp(
  sql: Sql,
  { temporal, rateLimitPerMinute, auditPublicKey }: TestAppOptions = {},
): Promise<ApiHarness> {
  const connection = temporal ? null : await Connection.connect({ address: inject('temporalAddress') });
  const client = temporal?.client ?? new Client({ connection: connection!, namespace: 'default' });
  const app = await buildApp({
    // The API under test runs as the app role, as in production (test/support/database.ts).
    sql: appSqlOf(sql),
    temporal: client,
    taskQueue: temporal?.taskQueue ?? 'no-worker',
    ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}),
    ...(auditPublicKey ? { auditPublicKey } : {}),
  });
  const violations = watchResponsesAgainstOpenApi(app);
  return {
    app,
    async close() {
      await app.close();
      await connection?.close();
      if (violations.length > 0) throw new Error(`responses that break /openapi.json:\n${violations.join('\n')}`);
    },
  };
}
