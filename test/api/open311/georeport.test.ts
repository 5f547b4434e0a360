// Issue 17, part 1: an Open311 GeoReport v2 client posts, lists and reads requests against the real
// system (API, worker, PostgreSQL), sees the status change as the case moves through duban's own API,
// and gets the specification's shapes in JSON and XML — reporter data never among them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tokenFor } from '../../support/fixtures';
import { startSystem, type TestSystem } from '../../support/system';
import { childNames, itemsOf, Open311Client, parseXml, SPEC_ORDER, type ServiceRequest } from './open311-client';

describe('Open311 GeoReport v2', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  let client: Open311Client;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem('open311');
    app = system.app;
    for (const role of ['visitor', 'office', 'admin', 'leader'] as const)
      tokens[role] = await tokenFor(system.db.sql, role);
    tokens.lead = await tokenFor(system.db.sql, 'unit', 'city-management');
    client = new Open311Client(app, tokens.visitor!);
    // A community under 兴泰街道 with a point, set through duban's own locality route.
    const created = await app.inject({
      method: 'POST',
      url: '/v1/localities',
      headers: bearer(tokens.admin!),
      payload: { code: 'ruijin', name: '瑞金社区', parentCode: 'xingtai', point: { lat: 25.0921, long: 104.8953 } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ point: { lat: 25.0921, long: 104.8953 }, boundary: null });
    // A market square under 七舍镇 with a boundary, far from that point.
    const square = [
      [105.1, 25.3],
      [105.2, 25.3],
      [105.2, 25.4],
      [105.1, 25.4],
      [105.1, 25.3],
    ];
    const market = await app.inject({
      method: 'POST',
      url: '/v1/localities',
      headers: bearer(tokens.admin!),
      payload: {
        code: 'qishe-market',
        name: '七舍集市',
        parentCode: 'qishe',
        boundary: { type: 'Polygon', coordinates: [square] },
      },
    });
    expect(market.statusCode).toBe(201);
    const listed = await v1('office', 'GET', '/v1/localities?parentCode=qishe');
    expect(listed.json<{ items: Array<{ code: string; boundary: unknown }> }>().items).toContainEqual(
      expect.objectContaining({ code: 'qishe-market', boundary: { type: 'Polygon', coordinates: [square] } }),
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  const v1 = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });
  const caseOf = async (id: string) =>
    (await v1('office', 'GET', `/v1/cases/${id}`)).json<{ locality: string; status: string; reporter: unknown }>();

  const report = {
    service_code: 'street-vending',
    'attribute[kind]': 'problem_clue',
    description: '夜市摊位占用人行道，行人只能走机动车道',
    first_name: '建国',
    last_name: '周',
    phone: '13800001234',
    email: 'zhou@example.com',
  };
  const ids: Record<string, string> = {};

  it('posts a request by address_string: the most specific locality named, routed, reporter kept apart', async () => {
    const answer = await client.postRequest('json', { ...report, address_string: '兴义市兴泰街道瑞金南路12号' });
    expect(answer.status).toBe(201);
    const [posted] = JSON.parse(answer.body) as Array<{
      service_request_id: string;
      service_notice: string;
      account_id: null;
    }>;
    expect(posted).toEqual({
      service_request_id: expect.stringMatching(/^case-/) as unknown,
      service_notice: '由综合行政执法局主办',
      account_id: null,
    });
    ids.byAddress = posted!.service_request_id;
    // The case is duban's own: its locality, its status, the reporter as the office sees it.
    expect(await caseOf(ids.byAddress)).toMatchObject({
      locality: 'xingtai',
      status: 'queued',
      reporter: { name: '周建国', phone: '13800001234' },
    });
  });

  it('posts a request by lat/long, placed at the nearest locality point, answered in XML', async () => {
    const answer = await client.postRequest('xml', { ...report, lat: '25.0931', long: '104.8960' });
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe('application/xml; charset=utf-8');
    expect(parseXml(answer.body).root).toBe('service_requests');
    expect(childNames(answer.body, 'request')).toEqual(SPEC_ORDER.post_request);
    ids.byPoint = itemsOf<{ service_request_id: string }>(
      parseXml(answer.body).content,
      'request',
    )[0]!.service_request_id;
    expect((await caseOf(ids.byPoint)).locality).toBe('ruijin');
  });

  it('posts a request by lat/long inside a locality boundary', async () => {
    const answer = await client.postRequest('json', { ...report, lat: '25.35', long: '105.15' });
    expect(answer.status).toBe(201);
    const [posted] = JSON.parse(answer.body) as Array<{ service_request_id: string }>;
    expect((await caseOf(posted!.service_request_id)).locality).toBe('qishe-market');
  });

  it('takes a request whose place matches no locality, at the city, where routing sends it to triage', async () => {
    const answer = await client.postRequest('json', {
      service_code: 'neighbour-dispute',
      'attribute[kind]': 'conflict_risk',
      description: '两户因排水沟发生争执',
      address_string: '某处不知名的地方',
    });
    expect(answer.status).toBe(201);
    const [posted] = JSON.parse(answer.body) as Array<{ service_request_id: string; service_notice: string }>;
    expect(posted!.service_notice).toBe('由大走访活动办分派承办单位');
    expect(await caseOf(posted!.service_request_id)).toMatchObject({
      locality: 'xingyi',
      status: 'triage',
      reporter: null,
    });
    // Even where the category's business owner would lead anywhere: the place is for a person to judge.
    const owned = await client.postRequest('json', { ...report, address_string: '某处不知名的地方' });
    expect(owned.status).toBe(201);
    const [ownedCase] = JSON.parse(owned.body) as Array<{ service_request_id: string }>;
    expect(await caseOf(ownedCase!.service_request_id)).toMatchObject({ locality: 'xingyi', status: 'triage' });
  });

  it('answers a replay with the same request: per Idempotency-Key, or per attribute[client_request_id]', async () => {
    const fields = { ...report, address_string: '兴泰街道' };
    const first = await client.postRequest('json', fields, { 'idempotency-key': 'georeport-1' });
    const again = await client.postRequest('json', fields, { 'idempotency-key': 'georeport-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(JSON.parse(again.body)).toEqual(JSON.parse(first.body));
    const other = await client.postRequest(
      'json',
      { ...fields, description: '另一件事' },
      { 'idempotency-key': 'georeport-1' },
    );
    expect(other.status).toBe(409);

    const byToken = { ...fields, 'attribute[client_request_id]': 'app-7f3a' };
    const one = JSON.parse((await client.postRequest('json', byToken)).body) as Array<{ service_request_id: string }>;
    const two = parseXml((await client.postRequest('xml', byToken)).body).content;
    expect(itemsOf<{ service_request_id: string }>(two, 'request')[0]!.service_request_id).toBe(
      one[0]!.service_request_id,
    );
    const fresh = JSON.parse((await client.postRequest('json', fields)).body) as Array<{ service_request_id: string }>;
    expect(fresh[0]!.service_request_id).not.toBe(one[0]!.service_request_id);
  });

  it('lists and reads requests, newest first, with the agency and never the reporter', async () => {
    const listed = await client.get('requests.json');
    expect(listed.status).toBe(200);
    const requests = JSON.parse(listed.body) as ServiceRequest[];
    const times = requests.map((r) => r.requested_datetime);
    expect(times).toEqual([...times].sort().reverse());
    expect(requests.find((r) => r.service_request_id === ids.byAddress)).toMatchObject({
      status: 'open',
      status_notes: '已受理，待集中交办',
      service_code: 'street-vending',
      service_name: '占道经营',
      agency_responsible: '综合行政执法局',
      address: '兴义市兴泰街道瑞金南路12号',
      lat: null,
    });
    expect(requests.find((r) => r.service_request_id === ids.byPoint)).toMatchObject({ lat: 25.0931, long: 104.896 });
    for (const body of [listed.body, (await client.get('requests.xml')).body]) {
      expect(body).not.toContain('13800001234');
      expect(body).not.toContain('1234');
      expect(body).not.toContain('建国');
      expect(body).not.toContain('zhou@example.com');
    }
    const xml = (await client.get(`requests/${ids.byAddress}.xml`)).body;
    expect(parseXml(xml).root).toBe('service_requests');
    expect(childNames(xml, 'request')).toEqual(SPEC_ORDER.request);
    const filtered = JSON.parse(
      (await client.get('requests.json', { service_request_id: `${ids.byPoint},${ids.byAddress}` })).body,
    ) as ServiceRequest[];
    expect(filtered.map((r) => r.service_request_id).sort()).toEqual([ids.byAddress, ids.byPoint].sort());
    expect(JSON.parse((await client.get('requests.json', { status: 'closed' })).body)).toEqual([]);
  });

  it('reads only what the key may see through /v1: another visitor sees none of these', async () => {
    const stranger = new Open311Client(app, await tokenFor(system.db.sql, 'visitor'));
    expect(JSON.parse((await stranger.get('requests.json')).body)).toEqual([]);
    expect((await stranger.get(`requests/${ids.byAddress}.json`)).status).toBe(404);
    const office = new Open311Client(app, tokens.office!);
    expect((await office.get(`requests/${ids.byAddress}.json`)).status).toBe(200);
  });

  it('shows the status change as the case moves through the normal API: open, then closed with notes', async () => {
    expect((await v1('office', 'POST', '/v1/dispatches')).statusCode).toBe(201);
    expect((await v1('lead', 'POST', `/v1/cases/${ids.byAddress}/accept`, {})).statusCode).toBe(200);
    const [accepted] = JSON.parse((await client.get(`requests/${ids.byAddress}.json`)).body) as ServiceRequest[];
    expect(accepted).toMatchObject({ status: 'open', status_notes: '承办单位办理中' });
    expect(accepted!.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(accepted!.service_notice).toContain('办结期限');

    expect((await v1('office', 'POST', `/v1/cases/${ids.byAddress}/close`, { reason: 'withdrawn' })).statusCode).toBe(
      200,
    );
    const [closed] = JSON.parse((await client.get(`requests/${ids.byAddress}.json`)).body) as ServiceRequest[];
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已撤回' });
    const closedList = JSON.parse((await client.get('requests.json', { status: 'closed' })).body) as ServiceRequest[];
    expect(closedList.map((r) => r.service_request_id)).toEqual([ids.byAddress]);
  });
});
