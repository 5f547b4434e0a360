import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

// The web console (督办工作台, docs/console.md) is a single-page app built into web/dist and served
// here at `/`, same origin as the API, so it needs no CORS and its bearer never leaves the origin.
// Files are routed one by one (`wildcard: false`): a catch-all `/*` route would make every unknown
// path "exist" for GET, and the method-not-allowed plugin would then answer 405 instead of 404 to a
// POST of an unknown API path. Deep links of the router (`/cases/…`) get index.html from a hook on
// requests that matched no route, and only when a browser asks for HTML outside the API's prefixes.

/** From api/plugins (or dist/api/plugins when compiled) to web/dist (or dist/web/dist). */
export const DEFAULT_CONSOLE_DIR = join(__dirname, '..', '..', 'web', 'dist');

const API_PREFIXES = ['/v1/', '/open311/', '/docs'];
const API_PATHS = new Set(['/v1', '/openapi.json', '/metrics', '/healthz', '/readyz']);

/**
 * The console's own pages: scripts and styles from this origin only; inline styles because Element
 * Plus positions popovers with style attributes; no framing (clickjacking of the action buttons).
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办工作台尚未构建</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em">
<h1>督办工作台尚未构建</h1>
<p>网页控制台（web/）还没有构建，请在项目目录运行 <code>npm run build:web</code> 后刷新本页；
<code>npm start</code> 会在缺失或过期时自动构建。接口仍在 <a href="/docs">/docs</a>。</p>
<p lang="en">The web console is not built. Run <code>npm run build:web</code> in the project directory and
reload; <code>npm start</code> builds it when it is missing or stale. The API is at <a href="/docs">/docs</a>.</p>
</body></html>`;

function isApiPath(path: string): boolean {
  return API_PATHS.has(path) || API_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** A browser navigating to a route of the console: GET or HEAD, wants HTML, no file extension. */
function isConsoleNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0]!;
  if (isApiPath(path)) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function consoleHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-cache');
}

export default fp(
  async (app: FastifyInstance, { dir = DEFAULT_CONSOLE_DIR }: { dir?: string }) => {
    if (!existsSync(join(dir, 'index.html'))) {
      // Never a crash: the API works without its console, and `/` says how to build it.
      app.get('/', { schema: { hide: true } }, (_request, reply) =>
        consoleHeaders(reply).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      // index.html names the hashed assets: always revalidated; the assets themselves never change.
      setHeaders(reply, filePath) {
        if (filePath.includes(`${sep}assets${sep}`)) {
          void reply.header('x-content-type-options', 'nosniff');
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          consoleHeaders(reply);
        }
      },
      cacheControl: false,
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!request.is404 || !isConsoleNavigation(request)) return;
      return reply.sendFile('index.html');
    });
  },
  { name: 'console', dependencies: ['problems'] },
);
