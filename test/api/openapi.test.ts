// docs/api.md: GET /openapi.json and GET /docs, generated from the same zod schemas the routes use.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let api: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await buildTestApp(db.sql);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('is a valid OpenAPI 3.1 document served without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string }>();
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('says which operations need no token: the health checks and logging in, nothing else under /v1', async () => {
    const { paths } = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    const open = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => Array.isArray(operation.security) && operation.security.length === 0)
        .map(([method]) => `${method} ${path}`),
    );
    expect(open.sort()).toEqual(['get /healthz', 'get /readyz', 'post /v1/sessions']);
  });

  it('documents every route of the contract with its method', async () => {
    const { paths } = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const contract = [
      'get /v1/units',
      'post /v1/units',
      'get /v1/units/{id}',
      'patch /v1/units/{id}',
      'get /v1/localities',
      'post /v1/localities',
      'get /v1/categories',
      'post /v1/categories',
      'get /v1/categories/{code}',
      'patch /v1/categories/{code}',
      'get /v1/routing-rules',
      'put /v1/routing-rules',
      'post /v1/routing/explain',
      'post /v1/tokens',
      'post /v1/cases',
      'get /v1/cases/{id}',
      'get /v1/cases/{id}/events',
      'post /v1/cases/{id}/accept',
      'post /v1/cases/{id}/return',
      'post /v1/cases/{id}/reports',
      'post /v1/cases/{id}/extension-requests',
      'post /v1/cases/{id}/extension-requests/{requestId}/decision',
      'post /v1/cases/{id}/resolve',
      'post /v1/cases/{id}/follow-up',
      'post /v1/cases/{id}/assign',
      'post /v1/cases/{id}/close',
      'post /v1/dispatches',
      'get /v1/dispatches',
      'get /v1/dispatches/{id}',
      'get /v1/cases',
      'get /v1/cases/{id}/events/verify',
      'get /v1/ledger.xlsx',
      'get /v1/ledger.csv',
      'get /v1/bulletins/weekly',
      'get /v1/summaries/monthly',
      'post /v1/campaigns',
      'get /v1/campaigns',
      'get /v1/campaigns/{id}/progress',
      'post /v1/visits',
      'get /v1/spot-checks',
      'post /v1/spot-checks/{id}/result',
      'get /healthz',
      'get /readyz',
      // v1.1 (issue 13)
      'post /v1/reporters/{id}/erasure',
      'post /v1/sessions',
      'delete /v1/sessions/current',
      'get /v1/accounts',
      'post /v1/accounts',
      'get /v1/accounts/{id}',
      'patch /v1/accounts/{id}',
      'get /v1/tokens',
      'delete /v1/tokens/{id}',
      'post /v1/units/{id}/webhook-secret',
      // v1.1 (issue 14): the working-day calendar
      'get /v1/calendar/{year}',
      'put /v1/calendar/{year}',
      // v1.1 (issue 14)
      'get /v1/statistics',
      // v1.1 (issue 14)
      'get /v1/inbox',
    ];
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented).toEqual(expect.arrayContaining(contract));
  });

  it('serves interactive docs at /docs', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
