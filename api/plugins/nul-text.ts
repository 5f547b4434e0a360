import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problems';

// PostgreSQL refuses U+0000 in text and jsonb (22021, 22P05), and nothing before the database did: a
// campaign name holding one was a 500, a case title a workflow whose first write failed on every
// retry. Refused here once for every route, before validation: so before anything is stored or
// started. /openapi.json says so on every string it takes (openapi.ts).

const NUL = '\u0000';
/** Enough to show the client what to fix; a body of thousands of them needs no answer that long. */
const MAX_LISTED = 20;

/** JSON's objects, and the null-prototype records the query parser and the router make params in. */
const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
};

/**
 * Where `value` (parsed JSON, query or params) holds U+0000, in a string or a key: `body.reporter.name`,
 * `body.cases.0.title`. Iterative, so a deeply nested body cannot overflow the stack; anything not
 * plain data (the raw stream of an import) is left alone.
 */
export function nulPaths(value: unknown, root: string): string[] {
  const found: string[] = [];
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = 0; next < pending.length && found.length < MAX_LISTED; next++) {
    const [item, path] = pending[next]!;
    if (typeof item === 'string') {
      if (item.includes(NUL)) found.push(path);
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => pending.push([element, `${path}.${index}`]));
    } else if (item !== null && typeof item === 'object' && isPlainObject(item)) {
      for (const [key, child] of Object.entries(item)) {
        const childPath = `${path}.${key.replaceAll(NUL, '\\u0000')}`;
        if (key.includes(NUL)) found.push(childPath);
        else pending.push([child, childPath]);
      }
    }
  }
  return found;
}

export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const paths = [
        ...nulPaths(request.params, 'params'),
        ...nulPaths(request.query, 'querystring'),
        ...nulPaths(request.body, 'body'),
      ];
      if (paths.length === 0) return;
      throw new HttpProblem(400, 'Bad Request', 'text must not contain the character U+0000 (NUL)', {
        errors: paths.slice(0, MAX_LISTED).map((path) => ({ path, message: 'must not contain U+0000 (NUL)' })),
      });
    });
  },
  { name: 'nul-text', dependencies: ['problems'] },
);
