import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * Checks every response the app sends against its own /openapi.json (issue 5: "every response in
 * the tests checked against it"): the status must be documented, the content type too, and the
 * body must validate. Violations are collected; the test harness fails the file on any.
 */
export function watchResponsesAgainstOpenApi(app: FastifyInstance): string[] {
  const violations: string[] = [];
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  let document: Document | null = null;

  app.addHook('onSend', async (request, reply, payload) => {
    const routeUrl = request.routeOptions.url;
    if (!routeUrl) return payload;
    document ??= app.swagger() as unknown as Document;
    const template = routeUrl.replace(/:(\w+)/g, '{$1}');
    const operation = document.paths[template]?.[request.method.toLowerCase()];
    if (!operation) return payload; // hidden routes: /metrics, /docs, /openapi.json
    const status = String(reply.statusCode);
    const response = operation.responses?.[status] ?? operation.responses?.[`${status[0]}XX`];
    const where = `${request.method} ${template} → ${status}`;
    if (!response) {
      violations.push(`${where}: status not documented`);
      return payload;
    }
    const contentType = String(reply.getHeader('content-type') ?? '').split(';')[0]!;
    if (!response.content) return payload;
    const schema = response.content[contentType]?.schema;
    if (!schema) {
      violations.push(`${where}: content type ${contentType} not documented`);
      return payload;
    }
    // A documented HTML page or spreadsheet has no JSON schema to check beyond its content type; a
    // stream of JSON lines is still a stream here (its route's test parses every line).
    if (!contentType.endsWith('json') || contentType === 'application/x-ndjson') return payload;
    const key = `${where} ${contentType}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile({ ...schema, $defs: undefined, components: document.components } as Schema);
      validators.set(key, validate);
    }
    const body: unknown = typeof payload === 'string' ? JSON.parse(payload) : payload;
    if (!validate(body)) violations.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    return payload;
  });
  return violations;
}
