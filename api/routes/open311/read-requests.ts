import type { FastifyInstance } from 'fastify';
import type { Sql } from '../../../shared/db/sql';
import { findRequest, listRequests, type RequestFilter } from '../../../shared/open311/request-store';
import { requestList } from '../../../shared/open311/request-view';
import { parameter, principalOfKey } from './api-key';
import { Open311Error } from './errors';
import { FORMATS, send, splitFile } from './reference-routes';

/** Most requests one GET answers, newest first; narrow the dates to reach older ones. */
export const MAX_REQUESTS = 200;
/** Without start_date, the specification's default window: the 90 days before end_date (or now). */
const DEFAULT_DAYS = 90;
const MAX_IDS = 100;

function listOf(query: unknown, name: string): string[] | undefined {
  const value = parameter(query, name);
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0 || items.length > MAX_IDS)
    throw new Open311Error(400, `${name} must list 1 to ${MAX_IDS} values`);
  return items;
}

function dateOf(query: unknown, name: string): Date | undefined {
  const value = parameter(query, name);
  if (value === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : null;
  if (time === null || Number.isNaN(time.getTime()))
    throw new Open311Error(400, `${name} must be a W3C (ISO 8601) date-time`);
  return time;
}

/** The specification's filters; `service_request_id` set, the others are ignored as it says. */
export function filterOf(query: unknown): RequestFilter {
  const ids = listOf(query, 'service_request_id');
  if (ids) return { ids, limit: MAX_REQUESTS };
  const statuses = listOf(query, 'status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
    throw new Open311Error(400, 'status must be open or closed');
  const to = dateOf(query, 'end_date');
  const from = dateOf(query, 'start_date') ?? new Date((to?.getTime() ?? Date.now()) - DEFAULT_DAYS * 86_400_000);
  const serviceCodes = listOf(query, 'service_code');
  return {
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(statuses ? { statuses: statuses as Array<'open' | 'closed'> } : {}),
    from,
    ...(to ? { to } : {}),
    limit: MAX_REQUESTS,
  };
}

/**
 * GET requests and requests/{id}: an api_key is required, and it reads what its token may see
 * through /v1 (shared/domain/access.ts): a visitor's key its own reports, the office's all cases.
 * docs/open311.md "Who reads what" says why.
 */
export async function readRequestRoutes(app: FastifyInstance, sql: Sql): Promise<void> {
  for (const format of FORMATS) {
    app.get(`/requests.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const viewer = await principalOfKey(sql, request, parameter(request.query, 'api_key'));
      const rows = await listRequests(sql, viewer, filterOf(request.query));
      return send(reply, format, 'service_requests', requestList(rows));
    });
  }

  app.get<{ Params: { file: string } }>('/requests/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitFile(request.params.file);
    const viewer = await principalOfKey(sql, request, parameter(request.query, 'api_key'));
    const row = await findRequest(sql, viewer, name);
    if (row === null) throw new Open311Error(404, `no request with service_request_id ${name}`);
    return send(reply, format, 'service_requests', requestList([row]));
  });
}
