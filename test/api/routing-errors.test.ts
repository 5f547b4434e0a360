// What the router answers before any route runs, found by Schemathesis: a path id longer than Fastify's
// default maxParamLength (100) was a 414 in Fastify's own JSON, and a method a path does not take was
// a 404 (TRACE) or a 400 about a missing Content-Type (QUERY); a NUL byte in a header was Fastify's
// own JSON too. Now: the same 400 problem as any other schema violation, and 405 with Allow; an
// unknown path is still 404. Every one is problem+json.
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/fixtures';

describe('answers of the router', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let office = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    office = await tokenFor(db.sql, 'office');
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
  });

  const send = (method: string, url: string) => app.inject({ method: method as 'GET', url, headers: bearer(office) });

  it('an over-long path id is the 400 of its params schema, whatever its length or encoding', async () => {
    const long = await send('GET', `/v1/campaigns/${'x'.repeat(120)}/progress`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json()).toMatchObject({ errors: [{ path: 'params.id' }] });

    const zalgo = await send('GET', `/v1/cases/${encodeURIComponent('Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤'.repeat(4))}/events`);
    expect(zalgo.statusCode).toBe(400);
    expect(zalgo.json()).toMatchObject({ errors: [{ path: 'params.id' }] });

    for (const url of [`/v1/dispatches/${'y'.repeat(5000)}`, '/v1/cases/%zz']) {
      const refused = await send('GET', url);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ status: 400, errors: [{ path: 'params' }] });
    }
  });

  it('a method a known path does not take is 405 with Allow, even without its Content-Type', async () => {
    for (const [method, url, allow] of [
      ['TRACE', '/v1/tokens', 'GET, HEAD, POST'],
      ['QUERY', '/v1/cases/case-1', 'GET, HEAD'],
      ['DELETE', '/v1/units/city-management', 'GET, HEAD, PATCH'],
      ['GET', '/v1/cases/case-1/accept', 'POST'],
      ['TRACE', '/readyz', 'GET, HEAD'],
    ] as const) {
      const response = await send(method, url);
      expect({ method, url, status: response.statusCode, allow: response.headers.allow }).toEqual({
        method,
        url,
        status: 405,
        allow,
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
  });

  it('an unknown path stays 404, whatever the method', async () => {
    for (const method of ['GET', 'TRACE']) {
      const response = await send(method, '/v1/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('a request Node cannot parse, a NUL byte in a header, is a 400 problem as well', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /v1/units HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: 'Bad Request' });
  });
});
