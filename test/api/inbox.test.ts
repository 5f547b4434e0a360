// GET /v1/inbox (docs/inbox.md): each desk lists exactly what waits on it, oldest first, with the time
// it is due and why in Chinese; nothing outside the caller's scope.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../shared/db/tokens';
import { campaignDateTimeChinese } from '../../shared/domain/campaign-clock';
import type { InboxItem } from '../../shared/domain/inbox';
import { buildTestApp, type ApiHarness } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bearer, seedSmallCity, tokenFor } from '../support/fixtures';
import { inboxWorld } from './inbox-world';

interface Inbox {
  items: InboxItem[];
  counts: Record<string, number>;
}

describe('the inbox of every desk', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let app: FastifyInstance;
  let world: ReturnType<typeof inboxWorld>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSmallCity(db.sql);
    for (const role of ['office', 'leader', 'admin'] as const) tokens[role] = await tokenFor(db.sql, role);
    tokens.city = await tokenFor(db.sql, 'unit', 'city-management');
    tokens.justice = await tokenFor(db.sql, 'unit', 'justice-bureau');
    tokens.townWithNothing = await tokenFor(db.sql, 'unit', 'qishe-town');
    const visitor = await createToken(db.sql, { name: 'visitor', role: 'visitor' });
    tokens.visitor = visitor.token;
    tokens.otherVisitor = await tokenFor(db.sql, 'visitor');
    world = inboxWorld(db.sql, visitor.id);
    await world.record();
    api = await buildTestApp(db.sql);
    app = api.app;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const inbox = async (who: string, query = ''): Promise<Inbox> => {
    const response = await app.inject({ url: `/v1/inbox${query}`, headers: bearer(tokens[who]!) });
    expect(response.statusCode).toBe(200);
    return response.json<Inbox>();
  };
  /** kind → the case ids listed under it, sorted, so a test states the whole inbox at once. */
  const byKind = ({ items }: Inbox) => {
    const kinds: Record<string, string[]> = {};
    for (const item of items) (kinds[item.kind] ??= []).push(item.caseId ?? '-');
    return Object.fromEntries(Object.entries(kinds).map(([kind, ids]) => [kind, ids.sort()]));
  };
  const ids = (...names: string[]) => names.map((name) => world.ids[name]!).sort();
  const item = (box: Inbox, kind: string, name?: string) =>
    box.items.find((i) => i.kind === kind && (name === undefined || i.caseId === world.ids[name]))!;

  it('shows the office triage, returns, extension requests, follow-ups, escalations, failed checks and alerts', async () => {
    const office = await inbox('office');
    expect(byKind(office)).toEqual({
      triage: ids('noRoute'),
      returned: ids('returned'),
      extension_request: ids('extension'),
      awaiting_follow_up: ids('verifying', 'otherVerifying'),
      escalation: ids('levelOne', 'levelTwo'),
      spot_check_failed: ids('reworked'),
      system_alert: ids('noRoute'),
    });
    expect(office.counts).toEqual({
      triage: 1,
      returned: 1,
      extension_request: 1,
      awaiting_follow_up: 2,
      escalation: 2,
      spot_check_failed: 1,
      system_alert: 1,
    });
    expect(item(office, 'triage').why).toBe('待分诊：无匹配的交办规则');
    expect(item(office, 'returned').why).toBe('退回：不属于本单位职责（综合行政执法局）');
    expect(item(office, 'extension_request').why).toBe(
      `延期申请待审批：至 ${campaignDateTimeChinese(world.extensionUntil)}，理由：需协调用地`,
    );
    expect(item(office, 'awaiting_follow_up').why).toMatch(
      /^待回访：已办结待群众评价，请于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 前回访$/,
    );
    expect(item(office, 'escalation', 'levelTwo').why).toBe('二级督办：活动办升级督办');
    expect(item(office, 'escalation', 'levelOne').why).toBe('一级督办：连续未按期上报');
    expect(item(office, 'spot_check_failed').why).toBe('抽查未通过：现场仍有占道');
    expect(item(office, 'system_alert').title).toBe('【系统告警】问题的操作未能保存');
  });

  it('lists items oldest first, each since the moment it began to wait', async () => {
    const { items } = await inbox('office');
    const since = items.map((i) => Date.parse(i.since));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(items[0]!.caseId).toBe(world.ids.noRoute);
  });

  it('shows a unit, as lead, what to sign, report, rework, finish soon and what is overdue', async () => {
    const city = await inbox('city');
    expect(byKind(city)).toEqual({
      to_sign: ids('toSign'),
      report_due: ids('reportSoon', 'reportsMissed'),
      rework: ids('reworked'),
      due_soon: ids('dueSoon'),
      overdue: ids('overdue'),
    });
    expect(city.counts).toEqual({ to_sign: 1, report_due: 2, rework: 1, due_soon: 1, overdue: 1, instruction: 0 });
    const toSign = item(city, 'to_sign');
    expect(toSign.due).toBeDefined();
    expect(toSign.why).toBe(`待签收：请于 ${campaignDateTimeChinese(toSign.due!)} 前签收`);
    const missed = item(city, 'report_due', 'reportsMissed');
    expect(missed.since).toBe(world.firstMissedDue);
    expect(missed.why).toMatch(/^周报已漏报 2 次：下次请于 .+ 前上报$/);
    expect(item(city, 'report_due', 'reportSoon').why).toMatch(/^周报待上报：请于 .+ 前上报$/);
    expect(item(city, 'rework').why).toMatch(/^重办：抽查未通过：现场仍有占道，请于 .+ 前办结$/);
    expect(item(city, 'due_soon').why).toMatch(/^临期：请于 .+ 前办结$/);
  });

  it("never shows a unit another unit's cases, nor co-handled ones", async () => {
    expect(byKind(await inbox('justice'))).toEqual({ to_sign: ids('justiceToSign') });
    expect((await inbox('townWithNothing')).items).toEqual([]);
  });

  it('shows leaders level-2 escalations and overdue cases only', async () => {
    expect(byKind(await inbox('leader'))).toEqual({ escalation: ids('levelTwo'), overdue: ids('overdue') });
  });

  it('shows an admin the recent operator alerts, and a visitor its own resolutions awaiting follow-up', async () => {
    expect(byKind(await inbox('admin'))).toEqual({ system_alert: ids('noRoute') });
    expect(byKind(await inbox('visitor'))).toEqual({ awaiting_follow_up: ids('verifying') });
    expect(await inbox('otherVisitor')).toEqual({ items: [], counts: { awaiting_follow_up: 0 } });
  });

  it('cuts the list at limit and still counts everything that waits', async () => {
    const office = await inbox('office', '?limit=2');
    expect(office.items.map((i) => i.caseId)).toEqual([world.ids.noRoute, world.ids.returned]);
    expect(Object.values(office.counts).reduce((a, b) => a + b)).toBe(9);
  });

  it('needs a token', async () => {
    expect((await app.inject({ url: '/v1/inbox' })).statusCode).toBe(401);
  });
});
