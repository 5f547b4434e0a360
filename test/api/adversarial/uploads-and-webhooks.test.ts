// Issue 13, "Done when": a zip bomb on the visit import, and webhooks aimed inside the deployment's
// network, spelled every way a URL parser accepts, are refused, and nothing is stored: no row of any
// table, no temporary file. test/api/xlsx-limits.test.ts and test/api/webhook-targets.test.ts test
// the limits themselves; this tries them as an attacker would, against the whole database.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../../shared/db/campaigns';
import { buildTestApp, type ApiHarness } from '../../support/api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { bearer, seedSmallCity, tokenFor } from '../../support/fixtures';
import { databaseContent } from '../text-probes';
import { deflatedPart, repeatedPart, zipOf } from '../zip-builder';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'xl/worksheets/sheet1.xml';
const HEAD =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';
const MiB = 1024 * 1024;

/** Loopback, private, link-local and unspecified targets, as the WHATWG URL parser lets them be written. */
const INTERNAL_TARGETS = [
  'http://127.0.0.1/hook',
  'http://10.0.0.1/hook',
  'http://[::1]/hook',
  'http://localhost/hook',
  'http://LOCALHOST./hook',
  'http://api.localhost:8080/',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1/',
  'http://0.0.0.0:7233/',
  'http://[::]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a00:1]/',
  'https://user:pass@127.0.0.1:443/',
  'http://example.com@10.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fe80::1]/',
  'http://[fd00::1]/',
  'http://192.168.1.1/',
  'http://172.16.0.1/',
];

describe('zip bombs and webhooks aimed inside', () => {
  let db: TestDatabase;
  let harness: ApiHarness;
  let app: FastifyInstance;
  let admin = '';
  let visitor = '';
  let campaignId = '';
  /** This file's own temporary directory (one file per fork), so that a spooled upload left behind shows. */
  let spoolRoot = '';
  const systemTmp = process.env.TMPDIR;

  beforeAll(async () => {
    spoolRoot = await mkdtemp(join(tmpdir(), 'adversarial-uploads-'));
    process.env.TMPDIR = spoolRoot;
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    admin = await tokenFor(db.sql, 'admin');
    visitor = await tokenFor(db.sql, 'visitor');
    const actor = { id: 'office', role: 'office' as const, unitId: null };
    const campaign = { name: '大走访', startsOn: '2026-03-01', endsOn: '2026-04-30', targets: [] };
    campaignId = (await createCampaign(db.sql, campaign, actor)).id;
    harness = await buildTestApp(db.sql);
    app = harness.app;
  });

  afterAll(async () => {
    await harness?.close();
    await db?.drop();
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
    await rm(spoolRoot, { recursive: true, force: true });
  });

  const upload = (file: Buffer, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaignId}/visits/import`,
      headers: { 'content-type': XLSX, ...headers },
      payload: file,
    });

  it('refuses zip bombs on the visit import, with a token or without, storing and leaving nothing', async () => {
    const before = await databaseContent(db.sql);
    const gigabyte = zipOf([repeatedPart(SHEET, HEAD, Buffer.alloc(MiB, ' '), 1024, TAIL)]);
    expect(gigabyte.length).toBeLessThan(2 * MiB);
    const understated = zipOf([
      { ...repeatedPart(SHEET, HEAD, Buffer.alloc(MiB, ' '), 512, TAIL), declaredSize: 4096 },
    ]);
    const crowded = zipOf(Array.from({ length: 1_001 }, (_, i) => deflatedPart(`xl/part${i}.xml`, '<a/>')));
    const refusals: Array<[string, Buffer, Record<string, string>, number]> = [
      ['1 GiB, no token', gigabyte, {}, 401],
      ['1 GiB, a made-up bearer', gigabyte, bearer('dbn_made-up-bearer'), 401],
      ['1 GiB', gigabyte, bearer(visitor), 413],
      ['512 MiB declared as 4 KiB', understated, bearer(visitor), 422],
      ['1,001 parts', crowded, bearer(visitor), 413],
      ['1 GiB, declared as 65 MiB long', gigabyte, { ...bearer(visitor), 'content-length': String(65 * MiB) }, 413],
      ['1 GiB as application/json', gigabyte, { ...bearer(visitor), 'content-type': 'application/json' }, 413],
      [
        'JSON instead of a file',
        Buffer.from('{"rows":[]}'),
        { ...bearer(visitor), 'content-type': 'application/json' },
        415,
      ],
    ];
    for (const [name, file, headers, status] of refusals) {
      const response = await upload(file, headers);
      expect(response.statusCode, `${name}: ${response.body.slice(0, 200)}`).toBe(status);
      expect(response.headers['content-type'], name).toContain('application/problem+json');
    }
    expect(await readdir(spoolRoot)).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });

  it('refuses a webhook aimed at loopback, private or link-local addresses however it is spelled: 422, nothing stored', async () => {
    const before = await databaseContent(db.sql);
    const wrong: string[] = [];
    for (const [i, webhookUrl] of INTERNAL_TARGETS.entries()) {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/units',
        headers: bearer(admin),
        payload: { id: `inside-${i}`, name: '内网', kind: 'department', webhookUrl },
      });
      const changed = await app.inject({
        method: 'PATCH',
        url: '/v1/units/city-management',
        headers: bearer(admin),
        payload: { webhookUrl },
      });
      for (const [how, response] of [
        ['POST', created],
        ['PATCH', changed],
      ] as const) {
        const named = response.json<{ errors?: Array<{ path: string }> }>().errors?.[0]?.path;
        if (response.statusCode !== 422 || named !== 'body.webhookUrl') {
          wrong.push(`${how} ${webhookUrl}: ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await databaseContent(db.sql)).toEqual(before);
  });

  it('refuses a webhook that is no http(s) URL with a problem naming it, storing nothing', async () => {
    const before = await databaseContent(db.sql);
    for (const webhookUrl of [
      'file:///etc/passwd',
      'gopher://127.0.0.1:5432/',
      'ftp://example.com/',
      'javascript:alert(1)',
    ]) {
      const response = await app.inject({
        method: 'PATCH',
        url: '/v1/units/city-management',
        headers: bearer(admin),
        payload: { webhookUrl },
      });
      expect([400, 422], `${webhookUrl}: ${response.body}`).toContain(response.statusCode);
      expect(response.body).toContain('webhookUrl');
    }
    expect(await databaseContent(db.sql)).toEqual(before);
  });
});
