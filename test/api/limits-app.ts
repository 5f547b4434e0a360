// The real app on a fresh test database with the limits of docs/limits.md set as a deployment would
// (buildApp's options), for the tests of those limits. Temporal is connected lazily: these routes
// start no workflow.
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type AppDeps } from '../../api/app';
import { appSqlOf, createTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallCity } from '../support/fixtures';
import { watchResponsesAgainstOpenApi } from '../support/openapi-contract';

export interface LimitsApp {
  db: TestDatabase;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export type LimitOptions = Pick<AppDeps, 'exportLimits' | 'webhookAllow' | 'policyMinDuration'> & {
  /** The API's pool size; the test's own pool (db.sql) is apart. */
  poolMax?: number;
};

export async function startLimitsApp({ poolMax, ...limits }: LimitOptions = {}): Promise<LimitsApp> {
  const db = await createTestDatabase(poolMax ? { max: poolMax } : {});
  await seedSmallCity(db.sql);
  const connection = Connection.lazy({ address: inject('temporalAddress') });
  const app = await buildApp({
    sql: appSqlOf(db.sql),
    temporal: new Client({ connection, namespace: 'default' }),
    taskQueue: 'no-worker',
    ...limits,
  });
  const violations = watchResponsesAgainstOpenApi(app);
  return {
    db,
    app,
    async stop() {
      await app.close();
      await connection.close();
      await db.drop();
      if (violations.length > 0) throw new Error(`responses that break /openapi.json:\n${violations.join('\n')}`);
    },
  };
}
