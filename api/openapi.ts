import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, unknown>;
  parameters?: Array<{ schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApiDocument = Record<string, unknown> & {
  components?: Record<string, Record<string, unknown>>;
  paths?: Record<string, Record<string, Operation>>;
};

// RFC 9457: every error of the API has this shape, under application/problem+json.
const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

/** Documents the problem+json error responses on every operation, once, instead of in each route. */
function addProblemResponses(document: OpenApiDocument): OpenApiDocument {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: problemSchema },
  };
  const problem = {
    description: 'An error (RFC 9457 problem details)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      operation.responses = { ...operation.responses, '4XX': problem, '5XX': problem };
    }
  }
  return document;
}

/**
 * Operations that also answer in JSON lines when asked (`Accept: application/x-ndjson`): progress
 * lines, then the JSON answer's object as the last line (or a problem). Zod describes one JSON body,
 * so the streamed form is added here.
 */
const NDJSON_ANSWERS: ReadonlyArray<[path: string, method: string]> = [['/v1/routing/what-if', 'post']];

const ndjsonLine = {
  type: 'object',
  required: ['type'],
  description:
    'One line: {"type":"progress","phase","done","total","cases"}, then {"type":"result", …the JSON answer} ' +
    'or {"type":"error", …a problem}',
  properties: { type: { enum: ['progress', 'result', 'error'] } },
  additionalProperties: true,
};

function addStreamedAnswers(document: OpenApiDocument): OpenApiDocument {
  for (const [path, method] of NDJSON_ANSWERS) {
    const ok = document.paths?.[path]?.[method]?.responses?.['200'] as
      { content?: Record<string, unknown> } | undefined;
    if (ok?.content) ok.content['application/x-ndjson'] = { schema: ndjsonLine };
  }
  return document;
}

const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties'];

/**
 * Every string the API takes refuses U+0000 (plugins/text-integrity.ts); says so on each string schema of
 * a request, as `not: { pattern: "\u0000" }` (JSON Schema patterns search, they are not anchored),
 * which leaves any pattern the schema has of its own untouched.
 */
function refuseNulInStrings(schema: Schema): void {
  if (schema.type === 'string' && !('enum' in schema) && !('const' in schema)) schema.not = { pattern: '\\u0000' };
  for (const child of Object.values((schema.properties as Record<string, Schema> | undefined) ?? {})) {
    refuseNulInStrings(child);
  }
  for (const key of SUBSCHEMAS) {
    if (typeof schema[key] === 'object') refuseNulInStrings(schema[key] as Schema);
  }
  for (const key of SUBSCHEMA_LISTS) {
    for (const child of (schema[key] as Schema[] | undefined) ?? []) refuseNulInStrings(child);
  }
}

function refuseNulInRequests(document: OpenApiDocument): OpenApiDocument {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.schema) refuseNulInStrings(parameter.schema);
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        if (media.schema) refuseNulInStrings(media.schema);
      }
    }
  }
  return document;
}

/** `/openapi.json` and `/docs` come from the same zod schemas the routes validate with. */
export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'duban API',
      version: '1',
      description: 'Case routing for visitation campaigns (督办). Contract: docs/api.md.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
  },
  transform: jsonSchemaTransform,
  transformObject: (documentObject) =>
    refuseNulInRequests(
      addStreamedAnswers(
        addProblemResponses(
          ('openapiObject' in documentObject
            ? documentObject.openapiObject
            : documentObject.swaggerObject) as OpenApiDocument,
        ),
      ),
    ),
};
