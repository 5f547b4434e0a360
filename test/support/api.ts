import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { Sql } from '../../shared/db/sql';

export interface ApiHarness {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real app on a test database, with a Temporal client on the run's dev server (no worker). */
export async function buildTestApp(sql: Sql, taskQueue = 'no-worker'): Promise<ApiHarness> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const app = await buildApp({ sql, temporal: new Client({ connection, namespace: 'default' }), taskQueue });
  return {
    app,
    async close() {
      await app.close();
      await connection.close();
    },
  };
}
