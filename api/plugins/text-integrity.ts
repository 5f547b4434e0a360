import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problems';

// PostgreSQL stores no U+0000 in text or jsonb (22021, 22P05), and no lone UTF-16 surrogate in jsonb:
// JSON.stringify writes one as the escape "\ud800", which jsonb refuses (22P02), while a text column
// silently turns it into U+FFFD. Nothing before the database refused either: a campaign name holding
// U+0000 was a 500, a case title holding either a workflow whose first journal write failed on every
// retry. Refused here once for every route, before validation: so before anything is stored or
// started. /openapi.json says so on every string it takes (openapi.ts).

export const NUL_MESSAGE = 'must not contain U+0000 (NUL)';
export const LONE_SURROGATE_MESSAGE = 'must be well-formed Unicode: it holds a lone UTF-16 surrogate';

export interface TextFlaw {
  path: string;
  message: string;
}

/** Enough to show the client what to fix; a body of thousands of them needs no answer that long. */
const MAX_LISTED = 20;

/** JSON's objects, and the null-prototype records the query parser and the router make params in. */
const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
};

/**
 * `!text.isWellFormed()`, which the project's TypeScript library does not declare yet: with the `u`
 * flag a surrogate pair is one code point, so only a lone surrogate is of the category Cs.
 */
const LONE_SURROGATE = /\p{Cs}/u;

const flawsOf = (text: string): string[] => [
  ...(text.includes('\u0000') ? [NUL_MESSAGE] : []),
  ...(LONE_SURROGATE.test(text) ? [LONE_SURROGATE_MESSAGE] : []),
];

/** A key as a path segment, control characters and lone surrogates spelled `\u0000`, `\ud800`: good text. */
const keySegment = (key: string) =>
  key.replace(/[\p{Cc}\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Where `value` (parsed JSON, query, params or headers) holds text PostgreSQL cannot store, in a
 * string or a key: `body.reporter.name`, `body.cases.0.title`. Iterative, so a deeply nested body
 * cannot overflow the stack; anything not plain data (the raw stream of an import) is left alone.
 */
export function textFlaws(value: unknown, root: string): TextFlaw[] {
  const found: TextFlaw[] = [];
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = 0; next < pending.length && found.length < MAX_LISTED; next++) {
    const [item, path] = pending[next]!;
    if (typeof item === 'string') {
      for (const message of flawsOf(item)) found.push({ path, message });
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => pending.push([element, `${path}.${index}`]));
    } else if (item !== null && typeof item === 'object' && isPlainObject(item)) {
      for (const [key, child] of Object.entries(item)) {
        const childPath = `${path}.${keySegment(key)}`;
        const keyFlaws = flawsOf(key);
        for (const message of keyFlaws) found.push({ path: childPath, message });
        if (keyFlaws.length === 0) pending.push([child, childPath]);
      }
    }
  }
  return found;
}

function detailOf(flaws: TextFlaw[]): string {
  const nul = flaws.some((flaw) => flaw.message === NUL_MESSAGE);
  const surrogate = flaws.some((flaw) => flaw.message === LONE_SURROGATE_MESSAGE);
  if (nul && surrogate) return 'text must be well-formed Unicode and must not contain the character U+0000 (NUL)';
  if (nul) return 'text must not contain the character U+0000 (NUL)';
  return 'text must be well-formed Unicode: a lone UTF-16 surrogate (\\ud800 to \\udfff) stands for no character';
}

export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      // Headers arrive as Latin-1 over HTTP, where neither can occur; an injected request can hold both.
      const flaws = [
        ...textFlaws(request.params, 'params'),
        ...textFlaws(request.query, 'querystring'),
        ...textFlaws(request.headers, 'headers'),
        ...textFlaws(request.body, 'body'),
      ];
      if (flaws.length === 0) return;
      throw new HttpProblem(400, 'Bad Request', detailOf(flaws), { errors: flaws.slice(0, MAX_LISTED) });
    });
  },
  { name: 'text-integrity', dependencies: ['problems'] },
);
