import type { FastifyInstance, FastifyReply } from 'fastify';
import { getCategory, listCategories, type Category } from '../../../shared/db/categories';
import type { Sql } from '../../../shared/db/sql';
import { list, record, render, type Format, type OpenValue } from '../../../shared/open311/document';
import { serviceDefinition, serviceRecord } from '../../../shared/open311/services';
import { Open311Error } from './errors';

/** When this endpoint's shape last changed: the discovery document's changeset. */
const CHANGESET = '2026-12-02T00:00:00Z';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS: readonly Format[] = ['json', 'xml'];

export const send = (reply: FastifyReply, format: Format, root: string, value: OpenValue, status = 200) => {
  const { body, contentType } = render(format, root, value);
  return reply.code(status).type(contentType).send(body);
};

/** `033.json` → the code and the format; an unknown extension is no route (404). */
export function splitFile(file: string): { name: string; format: Format } {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match) throw new Open311Error(404, 'the path must end in .json or .xml');
  return { name: match[1]!, format: match[2] as Format };
}

async function allCategories(sql: Sql): Promise<Category[]> {
  const all: Category[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCategories(sql, { limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Discovery, the service list and each service's definition: reference data, open to anyone as the specification has it. */
export async function referenceRoutes(app: FastifyInstance, sql: Sql): Promise<void> {
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, { schema: { hide: true } }, (request, reply) =>
      send(
        reply,
        format,
        'discovery',
        record([
          ['changeset', CHANGESET],
          ['contact', '大走访活动办（duban 督办系统）'],
          ['key_service', 'api_key 是 duban 的服务令牌，由管理员签发（POST /v1/tokens）'],
          [
            'endpoints',
            list('endpoint', [
              record([
                ['specification', SPECIFICATION],
                ['url', `${request.protocol}://${request.host}/open311/v2`],
                ['changeset', CHANGESET],
                ['type', 'production'],
                ['formats', list('format', ['application/json', 'application/xml'])],
              ]),
            ]),
          ],
        ]),
      ),
    );
    app.get(`/services.${format}`, { schema: { hide: true } }, async (_request, reply) =>
      send(reply, format, 'services', list('service', (await allCategories(sql)).map(serviceRecord))),
    );
  }

  app.get<{ Params: { file: string } }>('/services/:file', { schema: { hide: true } }, async (request, reply) => {
    const { name, format } = splitFile(request.params.file);
    const category = await getCategory(sql, name);
    if (category === null) throw new Open311Error(404, `no service with service_code ${name}`);
    return send(reply, format, 'service_definition', serviceDefinition(category));
  });
}
