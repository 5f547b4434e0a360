import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, sendProblem } from './problems';

// A path the API has, asked with a method it does not take, is 405 with Allow (RFC 9110 §15.5.6),
// not 404: the resource exists. Checked when a request reaches no route, in onRequest, so before its
// body is read: a QUERY without Content-Type is 405 as well, not Fastify's 400 for the missing header.

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/v1/cases/:id/events` → a regex over raw paths; `*` (the docs' static files) matches the rest. */
function pathPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

export default fp(
  async (app: FastifyInstance) => {
    const known = new Map<string, KnownPath>();
    app.addHook('onRoute', (route) => {
      const entry = known.get(route.url) ?? { pattern: pathPattern(route.url), methods: new Set<string>() };
      for (const method of [route.method].flat()) entry.methods.add(method);
      known.set(route.url, entry);
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!request.is404) return;
      const path = request.url.split('?')[0]!;
      const allowed = new Set([...known.values()].filter((p) => p.pattern.test(path)).flatMap((p) => [...p.methods]));
      if (allowed.size === 0) return; // an unknown path stays 404
      const allow = [...allowed].sort().join(', ');
      void reply.header('allow', allow);
      return sendProblem(
        reply,
        new HttpProblem(405, 'Method Not Allowed', `${request.method} is not allowed here; this path takes ${allow}`),
      );
    });
  },
  { name: 'method-not-allowed' },
);
