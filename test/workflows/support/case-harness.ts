// One Temporal environment and one worker per test file, with the real activities on a database of
// the file's own, so tests read back the events and notifications the workflow recorded. Timer tests
// run on the time-skipping server; the rest on the real dev server, whose semantics they rely on
// (a refused update leaves no trace in history only where the server runs speculative tasks).
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import { inject } from 'vitest';
import {
  caseStateQuery,
  caseWorkflowId,
  intakeUpdate,
  type CaseState,
  type CaseWorkflowInput,
} from '../../../shared/contracts/case';
import type { caseWorkflow } from '../../../workflows/case-workflow';
import { createDubanWorker } from '../../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createTimeSkippingEnvironment, startWorkerOnDevServer, uniqueTaskQueue } from '../../support/temporal';
import { caseInput } from './case-fixtures';

export type CaseHandle = WorkflowHandle<typeof caseWorkflow>;

const QUERY_DEADLINE_MS = 5_000;
const isDeadlineExceeded = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: unknown }).code === 4 || /deadline/i.test(error.message) || isDeadlineExceeded(error.cause));

export interface RecordedEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  actor: { id: string; role: string; unitId: string | null };
  at: string;
}

export interface RecordedNotification {
  id: string;
  kind: string;
  level: number;
  recipientUnitIds: string[];
}

export interface CaseHarness {
  client: Client;
  db: TestDatabase;
  taskQueue: string;
  /** The server's time: simulated on the time-skipping server. */
  now(): Promise<number>;
  /** Lets time pass with no case in particular to wait for (simulated on the time-skipping server). */
  sleep(ms: number): Promise<void>;
  /** Reports a case the way the API does (update-with-start of `intake`). */
  report(overrides?: Partial<CaseWorkflowInput>): Promise<{ handle: CaseHandle; state: CaseState }>;
  /** Lets time pass (simulated, or real on the dev server), then waits until what the workflow did is stored. */
  advance(handle: CaseHandle, days: number): Promise<CaseState>;
  /** Waits until the database holds every event the workflow has emitted so far, and its notices are sent. */
  settled(handle: CaseHandle): Promise<CaseState>;
  events(caseId: string): Promise<RecordedEvent[]>;
  notifications(caseId: string): Promise<RecordedNotification[]>;
  stop(): Promise<void>;
}

interface Backend {
  client: Client;
  taskQueue: string;
  sleep(ms: number): Promise<void>;
  now(): Promise<number>;
  stop(): Promise<void>;
}

async function timeSkipping(db: TestDatabase, prefix: string): Promise<Backend> {
  const env = await createTimeSkippingEnvironment();
  const taskQueue = uniqueTaskQueue(prefix);
  const worker = await createDubanWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    // The worker runs as the app role, as in production (test/support/database.ts).
    sql: db.appSql,
    client: env.client,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();
  return {
    client: env.client,
    taskQueue,
    sleep: (ms) => env.sleep(ms),
    now: () => env.currentTimeMs(),
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

async function devServer(db: TestDatabase, prefix: string): Promise<Backend> {
  const harness = await startWorkerOnDevServer(db.sql, prefix);
  return {
    client: harness.client,
    taskQueue: harness.taskQueue,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Promise.resolve(Date.now()),
    stop: () => harness.stop(),
  };
}

export async function startCaseHarness(
  prefix: string,
  on: 'time-skipping' | 'dev-server' = 'time-skipping',
): Promise<CaseHarness> {
  const db = await createTestDatabase();
  const backend = on === 'time-skipping' ? await timeSkipping(db, prefix) : await devServer(db, prefix);
  const { client, taskQueue } = backend;

  async function events(caseId: string): Promise<RecordedEvent[]> {
    const rows = await db.sql<Array<Omit<RecordedEvent, 'at'> & { at: Date }>>`
      SELECT seq, type, data, actor, at FROM case_events WHERE case_id = ${caseId} ORDER BY seq`;
    return rows.map((row) => ({
      seq: row.seq,
      type: row.type,
      data: row.data,
      actor: row.actor,
      at: row.at.toISOString(),
    }));
  }

  /**
   * A query can be lost when it reaches a run in the workflow task that continues it as new (the
   * worker answers a run that has just completed); asked again with a deadline, it reaches the new run.
   */
  async function currentState(handle: CaseHandle): Promise<CaseState> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.workflow.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(caseStateQuery));
      } catch (error) {
        if (attempt >= 5 || !isDeadlineExceeded(error)) throw error;
      }
    }
  }

  /**
   * Notices go out after the answer (docs/workflows.md "Answers wait for events, not for notices"):
   * a case is settled once no activity and no workflow task is pending either, so its history stays
   * still until the test acts again.
   */
  async function quiet(handle: CaseHandle): Promise<boolean> {
    const { raw } = await handle.describe();
    return (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask;
  }

  async function settled(handle: CaseHandle): Promise<CaseState> {
    for (let attempt = 0; attempt < 200; attempt++) {
      // Queried only between workflow tasks: the time-skipping server loses a query that arrives in the
      // task that continues the run as new, and then stops skipping time for good.
      if (await quiet(handle)) {
        const state = await currentState(handle);
        const [stored] = await db.sql<{ seq: number | null }[]>`
          SELECT max(seq) AS seq FROM case_events WHERE case_id = ${handle.workflowId}`;
        if ((stored?.seq ?? 0) >= state.seq && (await quiet(handle))) return state;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`case ${handle.workflowId} did not settle`);
  }

  return {
    client,
    db,
    taskQueue,
    now: () => backend.now(),
    sleep: (ms) => backend.sleep(ms),
    async report(overrides = {}) {
      const input = caseInput(overrides);
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const state = await client.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation });
      return { handle: await startWorkflowOperation.workflowHandle(), state };
    },
    async advance(handle, days) {
      await backend.sleep(days * 86_400_000);
      return settled(handle);
    },
    settled,
    events,
    async notifications(caseId) {
      return db.sql<RecordedNotification[]>`
        SELECT id, kind, level, recipient_unit_ids AS "recipientUnitIds" FROM notifications
        WHERE case_id = ${caseId} ORDER BY created_at, id`;
    },
    async stop() {
      await backend.stop();
      await db.drop();
    },
  };
}

/** The event types recorded for a case, oldest first: what most lifecycle assertions compare. */
export const typesOf = (events: RecordedEvent[]): string[] => events.map((event) => event.type);
