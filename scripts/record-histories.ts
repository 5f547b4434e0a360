// Records case workflow histories for the replay test (test/workflows/replay.test.ts): runs a few
// scenarios on the time-skipping server with stand-in activities and writes each run's history as
// JSON. Record anew only when a workflow change is meant to be incompatible (docs/workflows.md).
//   npx tsx scripts/record-histories.ts            all scenarios
//   npx tsx scripts/record-histories.ts happy-path one of them
import type { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activities } from '../activities';
import { planIntake } from '../api/services/intake-plan';
import { startPlacedCase } from '../shared/contracts/case-start';
import * as contract from '../shared/contracts/case';
import type { Actor } from '../shared/domain/actor';
import { campaignDate } from '../shared/domain/campaign-clock';
import { takesUrgentDispatch } from '../shared/domain/case-machine/placement';
import { DEFAULT_POLICY } from '../shared/domain/policy';
import type { caseWorkflow } from '../workflows/case-workflow';
import { historyToJSON } from './lib/history-json';
import { projectRoot } from './lib/processes';
import { timeSkippingServerPath } from './lib/temporal-dev-server';
import { registerCaseSearchAttributes } from './lib/temporal-search-attributes';

const HISTORIES = join(projectRoot, 'test', 'workflows', 'histories');
// Files are named <generation>-<scenario>.json. A new generation is recorded when the workflow's
// commands change behind a patch; the older generations stay, so cases in flight keep replaying.
// v1: one activity per event; v2: the batched local-activity journal (workflows/case/journal.ts);
// v3: the refusing journal (notices apart from the answer, refusals undone) and the run limits
// (workflows/case/run-limits.ts), both behind patches; v4: cases placed by the API's intake
// transaction and started with the placed case (api/services/case-intake.ts), no intake update;
// v5: the office told of returns, extension requests and resolutions (patch `office-notices`).
const GENERATION = 'v5';
const TASK_QUEUE = 'record-histories';
const DAY = 86_400_000;

const office: Actor = { id: 'token-office', role: 'office', unitId: 'office' };
const visitor: Actor = { id: 'token-visitor', role: 'visitor', unitId: null };
const lead: Actor = { id: 'token-city-management', role: 'unit', unitId: 'city-management' };
const justice: Actor = { id: 'token-justice-bureau', role: 'unit', unitId: 'justice-bureau' };
const leader: Actor = { id: 'token-leader', role: 'leader', unitId: null };

// The histories only need the activities' answers, never their effects.
const standIns: Activities = {
  recordTransition: () => Promise.resolve(),
  recordTransitions: () => Promise.resolve(),
  notify: () => Promise.resolve(),
  openUrgentDispatch: ({ caseId, at }) => Promise.resolve({ id: `urgent-${caseId}`, number: 1, at }),
  openDispatchBatch: ({ batchId, at }) => Promise.resolve({ id: batchId, number: 1, at }),
  sealDispatchBatch: () => Promise.resolve([]),
  dispatchCase: () => Promise.reject(new Error('the recorded scenarios dispatch through the case update')),
  deliverWebhook: () => Promise.reject(new Error('the recorded scenarios send no webhooks')),
  recordDeliveryFailed: () => Promise.resolve(),
  drawDailySpotCheck: () => Promise.reject(new Error('the recorded scenarios draw no spot checks')),
  storeBulletin: () => Promise.reject(new Error('the recorded scenarios compute no bulletins')),
  purgeExpiredIdempotencyKeys: () => Promise.reject(new Error('the recorded scenarios purge no keys')),
  makeAuditCheckpoint: () => Promise.reject(new Error('the recorded scenarios sign no checkpoints')),
};

type CaseHandle = WorkflowHandle<typeof caseWorkflow>;

// Each case's first run: what a scenario exercises, even when the case continues as new later on
// (a run older than its age limit does, workflows/case/run-limits.ts).
const firstRuns = new Map<string, string>();

async function report(client: Client, overrides: Partial<contract.CaseWorkflowInput> = {}): Promise<CaseHandle> {
  const caseId = `case-${randomUUID()}`;
  const input: contract.CaseWorkflowInput = {
    caseId,
    kind: 'problem_clue',
    category: 'street-vending',
    title: '店外占道促销手续难办',
    description: '希望对店面宣传方面可以适当放宽',
    locality: 'xingtai',
    priority: 'normal',
    reporterId: null,
    visitId: null,
    reportedAt: new Date().toISOString(),
    reportedBy: visitor,
    routing: {
      lead: 'city-management',
      coHandlers: ['xingtai-street'],
      ruleId: 'r-street',
      rulesVersion: 1,
      decidedBy: 'rule',
      candidates: [],
      explanation: [],
    },
    policy: { ...DEFAULT_POLICY, version: 1 },
    resolvedOnSpot: null,
    escalationContacts: { officeUnitId: 'office', leadershipUnitId: 'leadership' },
    ...overrides,
  };
  // As the API does: place the report (its events would be stored in the intake transaction), then
  // start the workflow with the placed case.
  const urgentBatch = takesUrgentDispatch(input) ? { id: `urgent-${caseId}`, number: 1, at: input.reportedAt } : null;
  await startPlacedCase(client, TASK_QUEUE, planIntake(input, urgentBatch).input);
  const handle = client.workflow.getHandle<typeof caseWorkflow>(caseId);
  firstRuns.set(caseId, (await handle.describe()).runId);
  return handle;
}

type Scenario = (env: TestWorkflowEnvironment) => Promise<{ handle: CaseHandle; runId?: string }>;

const scenarios: Record<string, Scenario> = {
  // Dispatch, accept, three weekly reports, a contribution, resolve, satisfied follow-up.
  'happy-path': async (env) => {
    const handle = await report(env.client);
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-1', batchNumber: 1 }],
    });
    await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    for (let week = 1; week <= 3; week++) {
      await env.sleep(6 * DAY);
      await handle.executeUpdate(contract.reportUpdate, { args: [{ actor: lead, progress: `第${week}周进展` }] });
    }
    const co: Actor = { id: 'token-xingtai-street', role: 'unit', unitId: 'xingtai-street' };
    await handle.executeUpdate(contract.contributeUpdate, { args: [{ actor: co, progress: '街道配合宣传' }] });
    await handle.executeUpdate(contract.resolveUpdate, {
      args: [{ actor: lead, measures: '规范审批', outcome: '已办结' }],
    });
    await handle.executeUpdate(contract.followUpUpdate, { args: [{ actor: visitor, satisfied: true }] });
    return { handle };
  },
  // The missed-report ladder, a late report, an approved extension, rework after an unsatisfied follow-up.
  'silent-unit': async (env) => {
    const handle = await report(env.client);
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-2', batchNumber: 2 }],
    });
    const accepted = await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(22 * DAY);
    await handle.executeUpdate(contract.reportUpdate, { args: [{ actor: lead, progress: '补报' }] });
    const until = new Date(Date.parse(accepted.deadline!) + 14 * DAY).toISOString();
    const { requestId } = await handle.executeUpdate(contract.requestExtensionUpdate, {
      args: [{ actor: lead, until, reason: '协调中' }],
    });
    await handle.executeUpdate(contract.decideExtensionUpdate, { args: [{ actor: office, requestId, approve: true }] });
    await handle.executeUpdate(contract.resolveUpdate, {
      args: [{ actor: lead, measures: '已清理', outcome: '已办结' }],
    });
    await handle.executeUpdate(contract.followUpUpdate, { args: [{ actor: office, satisfied: false }] });
    await env.sleep(3 * DAY);
    await handle.executeUpdate(contract.resolveUpdate, {
      args: [{ actor: lead, measures: '设便民摊点', outcome: '已消除' }],
    });
    await env.sleep(8 * DAY);
    await handle.executeUpdate(contract.followUpUpdate, { args: [{ actor: office, satisfied: true }] });
    return { handle };
  },
  // Urgent dispatch at intake, a return to triage, reassignment, a late sign-for, overdue at level 2, closed.
  'urgent-returned': async (env) => {
    const handle = await report(env.client, {
      priority: 'urgent',
      policy: { ...DEFAULT_POLICY, resolveWithin: 'P5D', version: 1 },
    });
    await handle.executeUpdate(contract.returnUpdate, { args: [{ actor: lead, reason: '不属于本单位' }] });
    await handle.executeUpdate(contract.assignUpdate, { args: [{ actor: office, lead: 'justice-bureau' }] });
    await env.sleep(3 * DAY);
    await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: justice }] });
    await env.sleep(6 * DAY);
    await handle.executeUpdate(contract.closeUpdate, { args: [{ actor: office, reason: 'not_actionable' }] });
    return { handle };
  },
  // The office escalates a slow case by hand, to level 1 and then to leadership; resolved and closed.
  'escalated-by-hand': async (env) => {
    const handle = await report(env.client);
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-4', batchNumber: 4 }],
    });
    await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(2 * DAY);
    await handle.executeUpdate(contract.escalateUpdate, { args: [{ actor: office, level: 1, note: '群众多次来电' }] });
    await env.sleep(2 * DAY);
    await handle.executeUpdate(contract.escalateUpdate, { args: [{ actor: office, level: 2, note: '仍无进展' }] });
    await handle.executeUpdate(contract.resolveUpdate, {
      args: [{ actor: lead, measures: '已整改', outcome: '已办结' }],
    });
    await handle.executeUpdate(contract.followUpUpdate, { args: [{ actor: visitor, satisfied: true }] });
    return { handle };
  },
  // A leader's instruction (领导批示) tightens the deadline; the lead acknowledges it, resolves, closed.
  'leader-instruction': async (env) => {
    const handle = await report(env.client);
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-5', batchNumber: 5 }],
    });
    const accepted = await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(2 * DAY);
    const deadline = new Date(Date.parse(accepted.deadline!) - 10 * DAY).toISOString();
    const instructed = await handle.executeUpdate(contract.CASE_ACTION_UPDATES.instruct, {
      args: [{ actor: leader, text: '请加快办理，月底前办结', deadline }],
    });
    const instructionId = instructed.instructions?.at(-1)?.instructionId ?? '';
    await handle.executeUpdate(contract.CASE_ACTION_UPDATES.acknowledgeInstruction, {
      args: [{ actor: lead, instructionId }],
    });
    await handle.executeUpdate(contract.resolveUpdate, {
      args: [{ actor: lead, measures: '已整改', outcome: '已办结' }],
    });
    await handle.executeUpdate(contract.followUpUpdate, { args: [{ actor: visitor, satisfied: true }] });
    return { handle };
  },
  // A deadline in working days on a pinned calendar, the weekly report moved off a holiday, the
  // warning before the deadline (临期预警), then overdue; closed by the office.
  'working-day-warning': async (env) => {
    const calendar = {
      version: 1,
      years: {
        '2026': { holidays: ['2026-12-31'], workdays: [] },
        '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
      },
    };
    const handle = await report(env.client, {
      policy: {
        ...DEFAULT_POLICY,
        resolveWithin: { workingDays: 10 },
        warnBefore: { workingDays: 2 },
        moveOffNonWorkingDays: true,
        version: 1,
        calendar,
      },
    });
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-6', batchNumber: 6 }],
    });
    await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(20 * DAY);
    await handle.executeUpdate(contract.closeUpdate, { args: [{ actor: office, reason: 'not_actionable' }] });
    return { handle };
  },
  // The office re-pins a running case (docs/calendar.md): the deadline's last working day became a
  // holiday, so the deadline and its warning move a working day on; then overdue; closed by the office.
  'calendar-repin': async (env) => {
    const year = (ms: number) => campaignDate(ms).slice(0, 4);
    const now = Date.now();
    const years = (holidays: string[]) =>
      Object.fromEntries([year(now), String(Number(year(now)) + 1)].map((y) => [y, { holidays, workdays: [] }]));
    const handle = await report(env.client, {
      policy: {
        ...DEFAULT_POLICY,
        resolveWithin: { workingDays: 10 },
        warnBefore: { workingDays: 2 },
        version: 1,
        calendar: { version: 1, years: years([]) },
      },
    });
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-7', batchNumber: 7 }],
    });
    const accepted = await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(DAY);
    const lastDay = campaignDate(Date.parse(accepted.deadline!) - 1);
    await handle.executeUpdate(contract.CASE_ACTION_UPDATES.repinCalendar, {
      args: [{ actor: office, calendar: { version: 2, years: years([lastDay]) }, reason: '节假日安排调整' }],
    });
    await env.sleep(20 * DAY);
    await handle.executeUpdate(contract.closeUpdate, { args: [{ actor: office, reason: 'not_actionable' }] });
    return { handle };
  },
  // The first run of a case that continues as new after four events, mid-way through its weekly reports.
  'continued-as-new': async (env) => {
    const handle = await report(env.client, { options: { continueAsNewAfterEvents: 4 } });
    const { runId } = await handle.describe();
    await handle.executeUpdate(contract.dispatchUpdate, {
      args: [{ actor: office, batchId: 'batch-3', batchNumber: 3 }],
    });
    await handle.executeUpdate(contract.acceptUpdate, { args: [{ actor: lead }] });
    await env.sleep(9 * DAY);
    await handle.executeUpdate(contract.closeUpdate, { args: [{ actor: office, reason: 'withdrawn' }] });
    return { handle, runId };
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
  });
  try {
    await registerCaseSearchAttributes(env.connection);
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: standIns,
    });
    mkdirSync(HISTORIES, { recursive: true });
    await worker.runUntil(async () => {
      for (const [name, run] of Object.entries(scenarios)) {
        if (wanted.length > 0 && !wanted.includes(name)) continue;
        const { handle, runId } = await run(env);
        await handle.result();
        const history = await env.client.workflow
          .getHandle(handle.workflowId, runId ?? firstRuns.get(handle.workflowId))
          .fetchHistory();
        writeFileSync(join(HISTORIES, `${GENERATION}-${name}.json`), historyToJSON(history));
        console.log(`recorded ${GENERATION}-${name}: ${history.events?.length ?? 0} history events`);
      }
    });
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
