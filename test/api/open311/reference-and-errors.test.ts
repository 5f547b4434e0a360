// Issue 17, part 1: the Open311 endpoint's reference documents (discovery, services, service
// definitions) and its errors, in the specification's shapes, JSON and XML, read by a client written
// from the specification. No case is started here: the API needs no worker.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiHarness } from '../../support/api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedSmallCity, tokenFor } from '../../support/fixtures';
import { childNames, itemsOf, Open311Client, parseXml, SPEC_ORDER } from './open311-client';

describe('Open311 GeoReport v2: reference documents and errors', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let app: FastifyInstance;
  let client: Open311Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    api = await buildTestApp(db.sql);
    app = api.app;
    tokens.visitor = await tokenFor(db.sql, 'visitor');
    tokens.leader = await tokenFor(db.sql, 'leader');
    client = new Open311Client(app, tokens.visitor);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });
  it('serves discovery in both formats', async () => {
    const json = await client.get('discovery.json', {}, false);
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const discovery = JSON.parse(json.body) as {
      endpoints: Array<{ specification: string; url: string; formats: string[] }>;
    };
    expect(discovery.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: expect.stringMatching(/\/open311\/v2$/) as unknown,
      formats: ['application/json', 'application/xml'],
    });
    const xml = await client.get('discovery.xml', {}, false);
    expect(xml.contentType).toBe('application/xml; charset=utf-8');
    expect(parseXml(xml.body).root).toBe('discovery');
    expect(childNames(xml.body, 'discovery')).toEqual(SPEC_ORDER.discovery);
    expect(childNames(xml.body, 'endpoint')).toEqual(SPEC_ORDER.endpoint);
  });

  it('lists the categories as services and defines their attributes', async () => {
    const services = JSON.parse((await client.get('services.json', {}, false)).body) as Array<Record<string, unknown>>;
    expect(services.find((s) => s.service_code === 'street-vending')).toEqual({
      service_code: 'street-vending',
      service_name: '占道经营',
      description: '占道经营',
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: null,
    });
    const xml = (await client.get('services.xml', {}, false)).body;
    expect(parseXml(xml).root).toBe('services');
    expect(childNames(xml, 'service')).toEqual(SPEC_ORDER.service);

    const definition = JSON.parse((await client.get('services/street-vending.json', {}, false)).body) as {
      service_code: string;
      attributes: Array<{
        code: string;
        datatype: string;
        required: boolean;
        order: number;
        values: Array<{ key: string }>;
      }>;
    };
    expect(definition.service_code).toBe('street-vending');
    expect(definition.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['kind', 'singlevaluelist', true, 1],
      ['priority', 'singlevaluelist', false, 2],
      ['title', 'string', false, 3],
      ['client_request_id', 'string', false, 4],
    ]);
    expect(definition.attributes[0]!.values.map((v) => v.key)).toEqual([
      'problem_clue',
      'suggestion',
      'conflict_risk',
      'hardship',
    ]);
    const definitionXml = (await client.get('services/street-vending.xml', {}, false)).body;
    expect(childNames(definitionXml, 'service_definition')).toEqual(SPEC_ORDER.service_definition);
    expect(childNames(definitionXml, 'attribute')).toEqual(SPEC_ORDER.attribute);
    expect(childNames(definitionXml, 'value')).toEqual(['key', 'name']);
  });

  const report = {
    service_code: 'street-vending',
    'attribute[kind]': 'problem_clue',
    description: '夜市摊位占用人行道，行人只能走机动车道',
    first_name: '建国',
    last_name: '周',
    phone: '13800001234',
    email: 'zhou@example.com',
  };

  it('answers errors in the specification’s format, JSON and XML, with the right status', async () => {
    const expectError = async (
      answer: Promise<{ status: number; body: string; contentType: string }>,
      status: number,
      format: 'json' | 'xml',
    ) => {
      const { status: got, body, contentType } = await answer;
      expect(got).toBe(status);
      if (format === 'json') {
        expect(contentType).toBe('application/json; charset=utf-8');
        const errors = JSON.parse(body) as Array<{ code: number; description: string }>;
        expect(errors).toEqual([{ code: status, description: expect.any(String) as unknown }]);
      } else {
        expect(contentType).toBe('application/xml; charset=utf-8');
        expect(parseXml(body).root).toBe('errors');
        expect(childNames(body, 'error')).toEqual(SPEC_ORDER.error);
        expect(itemsOf<{ code: string }>(parseXml(body).content, 'error')[0]!.code).toBe(String(status));
      }
    };
    const wrongKey = new Open311Client(app, 'dbn_not-a-token');
    const noKey = new Open311Client(app, null);
    for (const format of ['json', 'xml'] as const) {
      await expectError(wrongKey.postRequest(format, { ...report, address_string: '兴泰街道' }), 403, format);
      await expectError(noKey.postRequest(format, { ...report, address_string: '兴泰街道' }), 403, format);
      await expectError(
        new Open311Client(app, tokens.leader!).postRequest(format, { ...report, address_string: '兴泰街道' }),
        403,
        format,
      );
      await expectError(
        client.postRequest(format, { ...report, service_code: 'no-such', address_string: '兴泰街道' }),
        404,
        format,
      );
      await expectError(client.postRequest(format, { ...report, lat: '95', long: '104.9' }), 400, format);
      await expectError(client.postRequest(format, { ...report, lat: 'north', long: '104.9' }), 400, format);
      await expectError(client.postRequest(format, { ...report, lat: '25.1' }), 400, format);
      await expectError(client.postRequest(format, { ...report }), 400, format);
      await expectError(client.get(`services/no-such.${format}`, {}, false), 404, format);
      await expectError(client.get(`requests/case-00000000-0000-0000-0000-000000000000.${format}`), 404, format);
      await expectError(wrongKey.get(`requests.${format}`), 403, format);
      await expectError(client.get(`requests.${format}`, { start_date: 'yesterday' }), 400, format);
      await expectError(
        client.postRequest(format, { ...report, address_string: '兴泰街道', 'attribute[colour]': 'red' }),
        400,
        format,
      );
      await expectError(client.postRequest(format, { ...report, address_string: '兴泰\u0000街道' }), 400, format);
      await expectError(client.get(`no-such-route.${format}`, {}, false), 404, format);
    }
  });
});
