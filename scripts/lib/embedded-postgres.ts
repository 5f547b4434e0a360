import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  url: string;
  /** PGlite is one PostgreSQL session: the pool in front of it must hold exactly this many. */
  maxConnections: 1;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) kept in `dataDir`, served over the PostgreSQL wire protocol on
 * loopback so the ordinary `postgres` client works. It is a single session: the socket server is
 * limited to one connection, and duban's one process holds it with a pool of one (see docs/operations.md).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    maxConnections: 1,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
