import type { FastifyInstance } from 'fastify';
import { buildTestApp, type ApiHarness } from './api';
import { createTestDatabase, type TestDatabase } from './database';
import { seedSmallCity } from './fixtures';
import { startWorkerOnDevServer, type DevServerHarness } from './temporal';

export interface TestSystem {
  db: TestDatabase;
  temporal: DevServerHarness;
  api: ApiHarness;
  app: FastifyInstance;
  /** Stops the API (failing on responses that broke /openapi.json), the worker, then drops the database. */
  stop(): Promise<void>;
}

/** The whole system for one test file: its own database with the small city, a real worker, the API. */
export async function startSystem(prefix: string, options: { dbPoolMax?: number } = {}): Promise<TestSystem> {
  const db = await createTestDatabase(options.dbPoolMax ? { max: options.dbPoolMax } : {});
  await seedSmallCity(db.sql);
  const temporal = await startWorkerOnDevServer(db.sql, prefix);
  const api = await buildTestApp(db.sql, { temporal });
  return {
    db,
    temporal,
    api,
    app: api.app,
    async stop() {
      try {
        await api.close();
      } finally {
        await temporal.stop();
        await db.drop();
      }
    },
  };
}
