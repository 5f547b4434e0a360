import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InvalidCursorError } from '../../shared/db/pagination';
import { DuplicateKeyError, HierarchyCycleError, UnknownReferenceError } from '../../shared/db/reference-errors';
import { PreviewMismatchError } from '../../shared/db/rules';
import { RuleSetInvalidError } from '../../shared/routing/types';
import { unavailableDependency } from './unavailable';

/** An RFC 9457 problem a route throws on purpose; anything else becomes a plain 500 with no internals. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what = 'resource'): HttpProblem =>
  new HttpProblem(404, 'Not Found', `no ${what} with that id is visible to you`);

const RETRY_AFTER_SECONDS = 5;

/** The RFC 9457 body; also the last line of an answer streamed before it failed. */
export function problemBody(problem: HttpProblem): Record<string, unknown> {
  return {
    type: `https://duban.example/problems/${problem.status}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail ?? problem.title,
    ...problem.extra,
  };
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(problem.status).type('application/problem+json').send(problemBody(problem));
}

/** The problem an error becomes, for a caller that cannot throw it (the response is under way). */
export function problemOf(error: Error): HttpProblem {
  return toProblem(error as FastifyError);
}

/** Domain and repository errors that mean "your request", not "our fault". */
function fromDomainError(error: Error): HttpProblem | null {
  if (error instanceof DuplicateKeyError) return new HttpProblem(409, 'Conflict', error.message);
  if (error instanceof UnknownReferenceError) {
    return new HttpProblem(422, 'Unprocessable Content', error.message, {
      errors: [{ path: `body.${error.field}`, message: `${error.value} does not exist` }],
    });
  }
  if (error instanceof HierarchyCycleError) return new HttpProblem(422, 'Unprocessable Content', error.message);
  if (error instanceof InvalidCursorError) {
    return new HttpProblem(400, 'Bad Request', error.message, {
      errors: [{ path: 'querystring.cursor', message: error.message }],
    });
  }
  if (error instanceof PreviewMismatchError) {
    return error.reason === 'stale'
      ? new HttpProblem(409, 'Conflict', error.message)
      : new HttpProblem(422, 'Unprocessable Content', error.message, {
          errors: [{ path: 'body.previewId', message: error.message }],
        });
  }
  if (error instanceof RuleSetInvalidError) {
    return new HttpProblem(422, 'Unprocessable Content', 'the rule set is invalid; nothing was published', {
      errors: error.problems.map((p) => ({ path: `body.rules[${p.ruleId}]`, message: p.message })),
      conflictingRules: [...new Set(error.problems.map((p) => p.ruleId))],
    });
  }
  return null;
}

function toProblem(error: FastifyError): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const down = unavailableDependency(error);
  if (down) {
    return new HttpProblem(
      503,
      'Service Unavailable',
      `${down === 'postgres' ? 'PostgreSQL' : 'Temporal'} is not reachable now; retry shortly`,
      {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      },
    );
  }
  const domain = fromDomainError(error);
  if (domain) return domain;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message ?? 'is invalid',
    }));
    return new HttpProblem(400, 'Bad Request', 'the request does not match the schema', { errors });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpProblem(error.statusCode, error.code ?? 'Bad Request', error.message);
  }
  return new HttpProblem(500, 'Internal Server Error', 'the server could not complete the request');
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route runs, a path segment longer
 * than `routerOptions.maxParamLength` or one that is not valid percent-encoding. Without this the
 * client got Fastify's own JSON (414 for the first); now the same 400 problem as any schema violation.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code !== 'FST_ERR_MAX_PARAM_LENGTH' && error.code !== 'FST_ERR_BAD_URL') {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    void sendProblem(reply, problem);
    return;
  }
  const message = error.code === 'FST_ERR_BAD_URL' ? 'is not valid percent-encoding' : 'is too long';
  void sendProblem(
    reply,
    new HttpProblem(400, 'Bad Request', 'the request does not match the schema', {
      errors: [{ path: 'params', message }],
    }),
  );
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused (a NUL byte in a header, headers too
 * large, too slow to arrive) has no reply object yet, so its problem is written to the socket as is.
 */
export function sendClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail]: [number, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request headers are too large']
        : [400, 'the request is not valid HTTP'];
  const title = STATUS_CODES[status]!;
  const body = JSON.stringify({ type: `https://duban.example/problems/${status}`, title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, new HttpProblem(404, 'Not Found', `no route ${request.method} ${request.url}`)),
    );
  },
  { name: 'problems' },
);
