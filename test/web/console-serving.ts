// How the API serves the console (api/plugins/console.ts), asked of any app: the checks of both the
// built and the unbuilt case, kept apart from the browser journeys that share the built app.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

const html = { accept: 'text/html,application/xhtml+xml' };

/** The console at `/` and at the router's deep links, with its own headers; the API unchanged around it. */
export async function expectConsoleServed(app: FastifyInstance): Promise<void> {
  const root = await app.inject({ url: '/', headers: html });
  expect(root.statusCode).toBe(200);
  expect(root.headers['content-type']).toContain('text/html');
  expect(root.body).toContain('<div id="app"></div>');
  expect(root.headers['content-security-policy']).toContain("script-src 'self'");
  expect(root.headers['content-security-policy']).toContain("frame-ancestors 'none'");

  const deepLink = await app.inject({ url: '/cases/case-00000000-0000-0000-0000-000000000000', headers: html });
  expect(deepLink.statusCode).toBe(200);
  expect(deepLink.body).toBe(root.body);

  const script = /src="(\/assets\/[^"]+\.js)"/.exec(root.body)?.[1];
  const asset = await app.inject({ url: script! });
  expect(asset.statusCode).toBe(200);
  expect(asset.headers['cache-control']).toContain('immutable');

  for (const [method, url] of [
    ['GET', '/v1/no-such-route'],
    ['POST', '/v1/no-such-route'],
    ['GET', '/assets/no-such-file.js'],
  ] as const) {
    const missing = await app.inject({ method, url, headers: html });
    expect(missing.statusCode, `${method} ${url}`).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  }
  // A JSON client asking a path that is not the API's still gets a problem, not a page.
  const json = await app.inject({ url: '/cases/x', headers: { accept: 'application/json' } });
  expect(json.statusCode).toBe(404);
  expect(json.headers['content-type']).toContain('application/problem+json');

  const openapi = await app.inject({ url: '/openapi.json' });
  expect(openapi.statusCode).toBe(200);
  // The console's files are not API operations: /openapi.json lists none of them.
  const paths = Object.keys(openapi.json<{ paths: object }>().paths);
  expect(paths.filter((path) => path === '/' || path.startsWith('/assets') || path.endsWith('.html'))).toEqual([]);
  expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  expect((await app.inject({ url: '/v1/inbox' })).statusCode).toBe(401);
}
