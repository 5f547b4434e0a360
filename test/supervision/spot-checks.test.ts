// 日抽查 through HTTP and the real worker: a day's sample drawn once by the workflow and read back
// the same, seeded by the date; recording results; a failed check reopening a closed case.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSpotCheck } from '../../shared/db/spot-checks';
import { campaignDate } from '../../shared/domain/campaign-clock';
import { daysBefore, lastCompletePeriod } from '../../shared/supervision/periods';
import { drawSample, sampleSize, spotCheckSeed, DEFAULT_SPOT_CHECK_SETTINGS } from '../../shared/supervision/sampling';
import { executeWorkflow } from '../../shared/contracts/workflow-starts';
import { bearer, tokenFor } from '../support/fixtures';
import { startSystem, type TestSystem } from '../support/system';
import { startedCaseRun } from '../support/case-runs';

interface Check {
  id: string;
  subjectType: 'visit' | 'case';
  subjectId: string;
  result: string;
  case: { status: string } | null;
}

describe('the daily spot check', () => {
  let system: TestSystem;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  // Cases close now, so the day whose sample holds them is today in Beijing.
  const today = campaignDate(Date.now());
  const closed: Record<'onSpot' | 'onSpot2' | 'resolved', string> = { onSpot: '', onSpot2: '', resolved: '' };

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload ? { payload } : {}) });
  const onSpotCase = async (title: string) =>
    (
      await call('visitor', 'POST', '/v1/cases', {
        kind: 'conflict_risk',
        category: 'neighbour-dispute',
        title,
        description: '相邻关系纠纷',
        locality: 'qishe-magenao',
        resolvedOnSpot: { measures: '工作组当场沟通说服' },
      })
    ).json<{ id: string }>().id;

  beforeAll(async () => {
    system = await startSystem('spot-checks');
    app = system.app;
    for (const role of ['office', 'visitor', 'leader'] as const) tokens[role] = await tokenFor(system.db.sql, role);
    tokens.lead = await tokenFor(system.db.sql, 'unit', 'city-management');
    const campaign = await call('office', 'POST', '/v1/campaigns', {
      name: '大走访',
      startsOn: '2026-01-01',
      endsOn: '2030-12-31',
      targets: [],
    });
    const csv = ['targetType,targetName,locality,visitedAt'];
    for (let i = 0; i < 40; i++)
      csv.push(`household,住户${i},xingtai,${today}`, `village,村寨${i},qishe,${daysBefore(today, 1)}`);
    await app.inject({
      method: 'POST',
      url: `/v1/campaigns/${campaign.json<{ id: string }>().id}/visits/import`,
      headers: { ...bearer(tokens.office!), 'content-type': 'text/csv' },
      payload: csv.join('\n'),
    });

    closed.onSpot = await onSpotCase('修屋基挖毁上山便道');
    closed.onSpot2 = await onSpotCase('院墙排水纠纷');
    closed.resolved = (
      await call('visitor', 'POST', '/v1/cases', {
        kind: 'suggestion',
        category: 'street-vending',
        title: '店外占道促销手续难办',
        description: '希望适当放宽',
        locality: 'xingtai',
      })
    ).json<{ id: string }>().id;
    await call('office', 'POST', '/v1/dispatches');
    await call('lead', 'POST', `/v1/cases/${closed.resolved}/accept`, {});
    await call('lead', 'POST', `/v1/cases/${closed.resolved}/resolve`, { measures: '解释审批手续', outcome: '满意' });
    const followUp = await call('office', 'POST', `/v1/cases/${closed.resolved}/follow-up`, { satisfied: true });
    expect(followUp.json()).toMatchObject({ status: 'closed', closeReason: 'resolved' });
  });
  afterAll(async () => system?.stop());

  let sample: Check[] = [];

  it('draws the day’s sample once, seeded by the date over the population ordered by id, and reads it back the same', async () => {
    const first = await call('office', 'GET', `/v1/spot-checks?date=${today}`);
    expect(first.statusCode).toBe(200);
    const body = first.json<{ population: { visits: number; cases: number }; items: Check[] }>();
    expect(body.population).toEqual({ visits: 40, cases: 3 });
    sample = body.items;

    const visitIds = (
      await system.db.sql<{ id: string }[]>`SELECT id::text FROM visits WHERE visited_on = ${today} ORDER BY id`
    ).map((v) => v.id);
    const expectedVisits = drawSample(
      visitIds,
      sampleSize(40, DEFAULT_SPOT_CHECK_SETTINGS.visits),
      spotCheckSeed(today, 'visit'),
    );
    expect(sample.filter((c) => c.subjectType === 'visit').map((c) => c.subjectId)).toEqual(expectedVisits);
    expect(expectedVisits).toHaveLength(4);
    expect(
      sample
        .filter((c) => c.subjectType === 'case')
        .map((c) => c.subjectId)
        .sort(),
    ).toEqual(
      Object.values(closed).sort(), // three closed cases: the minimum of 3 takes them all
    );

    const again = await call('office', 'GET', `/v1/spot-checks?date=${today}`);
    expect(again.json<{ items: Check[] }>().items).toEqual(sample);
    // The workflow started again for the same day (as the schedule would) draws nothing new.
    const rerun = await executeWorkflow(system.temporal.client, 'dailySpotCheckWorkflow', {
      workflowId: `spot-check-rerun-${today}`,
      taskQueue: system.temporal.taskQueue,
      args: [{ date: today }],
    });
    expect(rerun).toMatchObject({ date: today, drawnNow: false, sampled: { visits: 4, cases: 3 } });
  });

  it('another day’s sample is drawn from that day’s visits, with its own seed', async () => {
    const yesterday = daysBefore(today, 1);
    const other = (await call('office', 'GET', `/v1/spot-checks?date=${yesterday}`)).json<{ items: Check[] }>();
    const ids = other.items.filter((c) => c.subjectType === 'visit').map((c) => c.subjectId);
    expect(ids).toHaveLength(4);
    expect(ids.some((id) => sample.some((c) => c.subjectId === id))).toBe(false);
  });

  it('without a date the workflow draws yesterday on the campaign clock, as the 08:00 schedule runs it', async () => {
    const draw = await executeWorkflow(system.temporal.client, 'dailySpotCheckWorkflow', {
      workflowId: `spot-check-scheduled-${today}`,
      taskQueue: system.temporal.taskQueue,
      args: [],
    });
    expect(draw.date).toBe(lastCompletePeriod('day', Date.now()).label);
  });

  it('a failed check of a case closed as resolved reopens it to in_progress for its lead (spot_check_failed)', async () => {
    const check = sample.find((c) => c.subjectId === closed.resolved)!;
    const response = await call('office', 'POST', `/v1/spot-checks/${check.id}/result`, {
      passed: false,
      note: '回访群众不满意',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      result: 'failed',
      note: '回访群众不满意',
      case: { status: 'in_progress' },
    });
    const view = await call('office', 'GET', `/v1/cases/${closed.resolved}`);
    expect(view.json()).toMatchObject({ status: 'in_progress', lead: 'city-management', closeReason: null });
    const events = (await call('office', 'GET', `/v1/cases/${closed.resolved}/events`)).json<{
      items: Array<{ type: string; data: { reason?: string } }>;
    }>();
    expect(events.items.at(-1)).toMatchObject({ type: 'reopened', data: { reason: 'spot_check_failed' } });
  });

  it('a failed check of a case closed on the spot sends it back to triage; the same result again answers the same', async () => {
    const check = sample.find((c) => c.subjectId === closed.onSpot)!;
    const first = await call('office', 'POST', `/v1/spot-checks/${check.id}/result`, { passed: false });
    expect(first.json()).toMatchObject({ result: 'failed', case: { status: 'triage' } });
    const retry = await call('office', 'POST', `/v1/spot-checks/${check.id}/result`, { passed: false });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const contrary = await call('office', 'POST', `/v1/spot-checks/${check.id}/result`, { passed: true });
    expect(contrary.statusCode).toBe(409);
    const reopenedOnce = await system.db
      .sql`SELECT 1 FROM case_events WHERE case_id = ${closed.onSpot} AND type = 'reopened'`;
    expect(reopenedOnce).toHaveLength(1);
  });

  it('a passed check changes nothing but the check', async () => {
    const check = sample.find((c) => c.subjectType === 'visit')!;
    const response = await call('office', 'POST', `/v1/spot-checks/${check.id}/result`, { passed: true });
    expect(response.json()).toMatchObject({ result: 'passed', checkedBy: { role: 'office' } });
    const caseCheck = sample.find((c) => c.subjectId === closed.onSpot2)!;
    const passed = await call('office', 'POST', `/v1/spot-checks/${caseCheck.id}/result`, { passed: true });
    expect(passed.json()).toMatchObject({ result: 'passed', case: { status: 'closed' } });
  });

  it('a case whose workflow has ended (reopen window passed) answers 409 with a clear detail, and nothing is recorded', async () => {
    const late = await onSpotCase('已过重办期的问题');
    await startedCaseRun(system.temporal.client, late);
    await system.temporal.client.workflow.getHandle(late).terminate('the 30-day reopen window, shortened for the test');
    const tomorrow = daysBefore(today, -1);
    // Drawn by the workflow directly: the API refuses a day that has not begun.
    const draw = await executeWorkflow(system.temporal.client, 'dailySpotCheckWorkflow', {
      workflowId: `spot-check-${tomorrow}`,
      taskQueue: system.temporal.taskQueue,
      args: [{ date: tomorrow }],
    });
    expect(draw).toMatchObject({ casePopulation: 1, sampled: { cases: 1 } }); // today's sampled cases are not drawn again
    const [row] = await system.db.sql<
      { id: string }[]
    >`SELECT id FROM spot_checks WHERE date = ${tomorrow} AND subject_id = ${late}`;
    const response = await call('office', 'POST', `/v1/spot-checks/${row!.id}/result`, { passed: false });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'REOPEN_WINDOW_PASSED',
      detail: expect.stringContaining('reopen window') as unknown,
    });
    expect((await getSpotCheck(system.db.sql, row!.id))?.result).toBe('pending');
    expect((await call('office', 'GET', `/v1/spot-checks?date=${tomorrow}`)).statusCode).toBe(422);
  });

  it('only the office reads the sample and records results (403 for others)', async () => {
    expect((await call('leader', 'GET', `/v1/spot-checks?date=${today}`)).statusCode).toBe(403);
    expect((await call('lead', 'GET', `/v1/spot-checks?date=${today}`)).statusCode).toBe(403);
    expect(
      (await call('visitor', 'POST', `/v1/spot-checks/${sample[0]!.id}/result`, { passed: true })).statusCode,
    ).toBe(403);
    expect((await call('office', 'POST', '/v1/spot-checks/nope/result', { passed: true })).statusCode).toBe(404);
  });
});
