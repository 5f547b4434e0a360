// `npm start` serves PGlite over the wire protocol when DATABASE_URL is unset. PGlite is one
// session, so duban gives it a pool of one: this proves migrations, transactions, rollbacks and
// concurrent callers behave through that pool, and that a second connection is refused, not mixed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../shared/db/migrate';
import { createSql, type Sql } from '../../shared/db/sql';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/processes';

describe('the embedded PostgreSQL of the start command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-pglite-'));
  let server: EmbeddedPostgres;
  let sql: Sql;

  beforeAll(async () => {
    server = await startEmbeddedPostgres(dir, await freePort());
    sql = createSql(server.url, { max: server.maxConnections });
  });

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration, and a second run applies none', async () => {
    expect((await migrate(sql)).length).toBeGreaterThan(0);
    expect(await migrate(sql)).toEqual([]);
  });

  it('keeps concurrent transactions apart through its pool of one', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        sql.begin(async (tx) => {
          await tx`INSERT INTO units (id, name, kind) VALUES (${`pglite-${i}`}, ${`单位${i}`}, 'department')`;
          const [row] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM units WHERE id = ${`pglite-${i}`}`;
          expect(row!.n).toBe(1);
        }),
      ),
    );
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM units WHERE id LIKE 'pglite-%'`;
    expect(row?.n).toBe(25);
  });

  it('rolls back a failed transaction completely', async () => {
    const failed = sql.begin(async (tx) => {
      await tx`INSERT INTO units (id, name, kind) VALUES ('pglite-rolled-back', 'x', 'department')`;
      throw new Error('abort');
    });
    await expect(failed).rejects.toThrow('abort');
    expect(await sql`SELECT 1 FROM units WHERE id = 'pglite-rolled-back'`).toHaveLength(0);
  });

  it('refuses a second connection instead of interleaving it with the first session', async () => {
    const port = Number(new URL(server.url).port);
    // A PostgreSQL StartupMessage (protocol 3.0, user postgres): a served session would answer 'R'.
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4);
    params.copy(startup, 8);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(startup));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('the second connection was neither served nor closed')), 5000).unref();
    });
    expect(answer.startsWith('R')).toBe(false);
  });
});
