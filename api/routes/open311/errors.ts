import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { list, record, render, type Format } from '../../../shared/open311/document';
import { FormError } from '../../../shared/open311/report-form';
import { HttpProblem } from '../../plugins/problems';
import { unavailableDependency } from '../../plugins/unavailable';

// GeoReport v2's error answer, `[{ code, description }]` or `<errors><error>…`, for every failure
// under /open311/v2 — duban's own problem+json would mean nothing to an Open311 client.

/** A failure a route states on purpose: its HTTP status, which is also the error's `code`. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

const RETRY_AFTER_SECONDS = 5;

/** `.xml` at the end of the path asks for XML; anything else is answered in JSON. */
export const formatOf = (request: FastifyRequest): Format =>
  request.url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';

function detailOf(problem: HttpProblem): string {
  const errors = problem.extra.errors as Array<{ path: string; message: string }> | undefined;
  return errors?.length ? errors.map((e) => `${e.path}: ${e.message}`).join('; ') : (problem.detail ?? problem.title);
}

function toOpen311(error: Error & Partial<Pick<FastifyError, 'statusCode'>>): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof FormError) return new Open311Error(400, error.message);
  if (error instanceof HttpProblem) return new Open311Error(error.status, detailOf(error));
  if (unavailableDependency(error)) return new Open311Error(503, 'the service is unavailable now; retry shortly');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new Open311Error(error.statusCode, error.message);
  }
  return new Open311Error(500, 'the server could not complete the request');
}

export function sendOpen311Error(
  request: FastifyRequest,
  reply: FastifyReply,
  error: Error & Partial<Pick<FastifyError, 'statusCode'>>,
): FastifyReply {
  const failure = toOpen311(error);
  if (failure.status >= 500) request.log.error({ err: error }, 'open311 request failed');
  if (failure.status === 503 || failure.status === 429) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const { body, contentType } = render(
    formatOf(request),
    'errors',
    list('error', [
      record([
        ['code', failure.status],
        ['description', failure.description],
      ]),
    ]),
  );
  return reply.code(failure.status).type(contentType).send(body);
}
