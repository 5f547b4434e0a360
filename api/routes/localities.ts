import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createLocality, listLocalities } from '../../shared/db/localities';
import type { Sql } from '../../shared/db/sql';
import {
  CodeSchema,
  LocalityInputSchema,
  LocalitySchema,
  PageQuerySchema,
  pageOf,
} from '../../shared/domain/reference';
import { GeoPointSchema, GeoPolygonSchema } from '../../shared/open311/geometry';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { present, presentPage } from './present';

const tags = ['reference data'];

// Where a locality is (migration 0020), which Open311 matches a request's lat/long against (docs/open311.md).
const geometry = {
  point: GeoPointSchema.nullable().optional().describe('WGS 84 degrees: the locality centre or its government seat'),
  boundary: GeoPolygonSchema.nullable().optional().describe('a GeoJSON Polygon, [long, lat] positions'),
};
const PlacedLocalityInputSchema = LocalityInputSchema.extend(geometry);
const PlacedLocalitySchema = LocalitySchema.extend({
  point: GeoPointSchema.nullable(),
  boundary: GeoPolygonSchema.nullable(),
});

/** The locality tree (属地): admins write, every role reads; `parentCode` lists one level. */
const localityRoutes: FastifyPluginAsyncZod<{ sql: Sql; onReferenceChange: () => void }> = async (
  app,
  { sql, onReferenceChange },
) => {
  app.get(
    '/v1/localities',
    {
      schema: {
        tags,
        querystring: PageQuerySchema.extend({ parentCode: CodeSchema.optional() }),
        response: { 200: pageOf(PlacedLocalitySchema) },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return presentPage(await listLocalities(sql, request.query));
    },
  );

  app.post(
    '/v1/localities',
    { schema: { tags, body: PlacedLocalityInputSchema, response: { 201: PlacedLocalitySchema } } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const locality = await createLocality(sql, request.body);
      onReferenceChange();
      return reply.code(201).header('location', `/v1/localities/${locality.code}`).send(present(locality));
    },
  );
};

export default localityRoutes;
