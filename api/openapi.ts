import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type OpenApiDocument = Record<string, unknown> & {
  components?: Record<string, Record<string, unknown>>;
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
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
    addProblemResponses(
      ('openapiObject' in documentObject
        ? documentObject.openapiObject
        : documentObject.swaggerObject) as OpenApiDocument,
    ),
};
