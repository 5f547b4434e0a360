// Ledger exports under load (docs/limits.md): clients that open a download and read nothing hold a
// pooled connection each, so a caller may run only DUBAN_EXPORTS_PER_CALLER exports at once (429
// past it) and each is cut at DUBAN_EXPORT_DEADLINE: its socket closed, its cursor closed, its
// connection back in the pool. The slow readers here are real sockets that stop reading.
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, tokenFor } from '../support/fixtures';
import { startLimitsApp, type LimitsApp } from './limits-app';

// Enough text that a download is far larger than the socket buffers between server and client.
const CASES = 6_000;
// 4 KiB of random hex per line: the .xlsx (a zip) cannot compress it away either.
const DESCRIPTION_MD5S = 128;
const TEXTS = 1_000;
// Long enough for the checks made while the downloads are stalled, even on a loaded machine.
const DEADLINE_MS = 4_000;

/** A download that reads its response's first bytes, then nothing more: a stalled client. */
interface StalledDownload {
  /** The status line the server answered. */
  statusLine: Promise<string>;
  /** Reads on to the end of the connection: everything the server sent. */
  readToEnd(): Promise<Buffer>;
}

function stalledDownload(port: number, path: string, token: string): StalledDownload {
  const socket: Socket = connect({ port, host: '127.0.0.1' });
  const chunks: Buffer[] = [];
  const ended = new Promise<Buffer>((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks))));
  socket.on('error', () => undefined); // a reset by the server is one way for the deadline to end it
  const statusLine = new Promise<string>((resolve) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      chunks.push(chunk);
      resolve(chunk.toString('latin1').split('\r\n')[0]!);
    });
  });
  // Connection: close, so that a response that did end (the test failing) ends the connection too.
  socket.write(`GET ${path} HTTP/1.1\r\nHost: duban\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  return {
    statusLine,
    readToEnd: () => {
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.resume();
      return ended;
    },
  };
}

/** A chunked response that ended properly ends with the last chunk: one cut short does not. */
const isComplete = (response: Buffer) => response.subarray(-5).toString('latin1') === '0\r\n\r\n';

describe('ledger export limits', () => {
  let h: LimitsApp;
  let port = 0;
  const tokens: Record<string, string> = {};

  /** Connections of the API's pool now running an export's cursor (not idle). */
  const exportCursors = async () => {
    const [row] = await h.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
        AND query LIKE '%locality_path%'`;
    return row!.n;
  };

  beforeAll(async () => {
    h = await startLimitsApp({ exportLimits: { perCaller: 2, total: 3, deadlineMs: DEADLINE_MS } });
    // Measures (printed, and unlike the description not trigram-indexed, so the load is quick) drawn
    // from a pool of random texts repeating only megabytes apart: nothing compresses them away.
    await h.db.sql`
      WITH pool AS (
        SELECT array_agg(text) AS texts FROM (
          SELECT string_agg(md5(random()::text || i || j), '') AS text
          FROM generate_series(1, ${TEXTS}) i, generate_series(1, ${DESCRIPTION_MD5S}) j GROUP BY i) t)
      INSERT INTO cases (id, seq, status, kind, category, title, description, measures, locality, priority,
                         reported_by, lead_unit_id, routing, policy, reported_at, updated_at)
      SELECT 'case-slow-' || g, 1, 'queued',
             CASE WHEN g <= 3 THEN 'suggestion' ELSE 'problem_clue' END, 'street-vending', '夜市摊位占道经营 ' || g,
             '夜市摊位占用人行道', pool.texts[1 + g % ${TEXTS}],
             'xingtai', 'normal',
             '{"id":"t","role":"visitor","unitId":null}', 'city-management', '{}', '{}',
             now() - g * interval '1 minute', now()
      FROM generate_series(1, ${CASES}) g, pool`;
    for (const who of ['office', 'leader']) tokens[who] = await tokenFor(h.db.sql, who as 'office');
    tokens.unit = await tokenFor(h.db.sql, 'unit', 'city-management');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    port = (h.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => h?.stop());

  it('refuses a third concurrent export of one caller with 429, serves another caller, and frees both at the deadline', async () => {
    const stalled = [
      stalledDownload(port, '/v1/ledger.csv', tokens.office!),
      stalledDownload(port, '/v1/ledger.xlsx', tokens.office!),
    ];
    expect(await Promise.all(stalled.map((d) => d.statusLine))).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    // Both are stuck on a full socket, each holding a pooled connection with its cursor open.
    await vi.waitFor(async () => expect(await exportCursors()).toBe(2), { timeout: DEADLINE_MS / 2 });

    const third = await h.app.inject({ url: '/v1/ledger.csv', headers: bearer(tokens.office!) });
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toContain('application/problem+json');
    expect(third.headers['retry-after']).toBe('30');
    expect(third.json<{ status: number; detail: string }>()).toMatchObject({ status: 429 });
    expect(third.json<{ detail: string }>().detail).toMatch(/already run 2 ledger exports/);

    // Another caller has slots of its own (the filter keeps its download small).
    const other = await h.app.inject({ url: '/v1/ledger.csv?status=closed', headers: bearer(tokens.unit!) });
    expect(other.statusCode).toBe(200);

    // The deadline cuts both exports while their clients still read nothing: cursors closed, connections released.
    await vi.waitFor(async () => expect(await exportCursors()).toBe(0), { timeout: 10 * DEADLINE_MS });
    // What the clients get once they read on is a download cut short (no last chunk), never a short file.
    const received = await Promise.all(stalled.map((d) => d.readToEnd()));
    expect(received.map(isComplete)).toEqual([false, false]);
    const after = await h.app.inject({ url: '/v1/ledger.csv?status=closed', headers: bearer(tokens.office!) });
    expect(after.statusCode).toBe(200);
  });

  it('caps exports of all callers together below the pool, so slow downloads never take every connection', async () => {
    const stalled = [
      stalledDownload(port, '/v1/ledger.csv', tokens.office!),
      stalledDownload(port, '/v1/ledger.csv', tokens.leader!),
      stalledDownload(port, '/v1/ledger.csv', tokens.unit!),
    ];
    expect(await Promise.all(stalled.map((d) => d.statusLine))).toEqual(Array(3).fill('HTTP/1.1 200 OK'));
    const fourth = await h.app.inject({ url: '/v1/ledger.csv', headers: bearer(tokens.leader!) });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json<{ detail: string }>().detail).toMatch(/the API already runs 3 ledger exports/);
    // Meanwhile the API answers everything else from the connections the exports left.
    expect((await h.app.inject({ url: '/v1/ledger/counts', headers: bearer(tokens.office!) })).statusCode).toBe(200);
    await vi.waitFor(async () => expect(await exportCursors()).toBe(0), { timeout: 10 * DEADLINE_MS });
    expect((await Promise.all(stalled.map((d) => d.readToEnd()))).map(isComplete)).toEqual([false, false, false]);
  });

  it('a download read to its end is complete, and its slot is freed for the next', async () => {
    for (let i = 0; i < 3; i += 1) {
      // The three suggestions: a small download.
      const whole = await h.app.inject({ url: '/v1/ledger.csv?kind=suggestion', headers: bearer(tokens.unit!) });
      expect(whole.statusCode).toBe(200);
      expect(whole.body.split('\r\n').filter(Boolean)).toHaveLength(4);
    }
  });
});
