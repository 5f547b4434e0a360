// One time-skipping Temporal environment and one worker per test file, with the real activities on a
// database of the file's own, so tests read back the events and notifications the workflow recorded.
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { caseStateQuery, caseWorkflowId, intakeUpdate, type CaseState, type CaseWorkflowInput } from '../../../shared/case-contract';
import type { caseWorkflow } from '../../../workflows/case-workflow';
import { createDubanWorker } from '../../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createTimeSkippingEnvironment, uniqueTaskQueue } from '../../support/temporal';
import { caseInput } from './case-fixtures';

export type CaseHandle = WorkflowHandle<typeof caseWorkflow>;

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
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  taskQueue: string;
  /** Reports a case the way the API does (update-with-start of `intake`). */
  report(overrides?: Partial<CaseWorkflowInput>): Promise<{ handle: CaseHandle; state: CaseState }>;
  /** Lets simulated time pass, then waits until everything the workflow did is stored. */
  advance(handle: CaseHandle, days: number): Promise<CaseState>;
  /** Waits until the database holds every event the workflow has emitted so far. */
  settled(handle: CaseHandle): Promise<CaseState>;
  events(caseId: string): Promise<RecordedEvent[]>;
  notifications(caseId: string): Promise<RecordedNotification[]>;
  stop(): Promise<void>;
}

export async function startCaseHarness(prefix: string): Promise<CaseHarness> {
  const [env, db] = await Promise.all([createTimeSkippingEnvironment(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue(prefix);
  const worker: Worker = await createDubanWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    sql: db.sql,
    client: env.client,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = worker.run();

  async function events(caseId: string): Promise<RecordedEvent[]> {
    const rows = await db.sql<Array<Omit<RecordedEvent, 'at'> & { at: Date }>>`
      SELECT seq, type, data, actor, at FROM case_events WHERE case_id = ${caseId} ORDER BY seq`;
    return rows.map((row) => ({ seq: row.seq, type: row.type, data: row.data, actor: row.actor, at: row.at.toISOString() }));
  }

  async function settled(handle: CaseHandle): Promise<CaseState> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const state = await handle.query(caseStateQuery);
      const [stored] = await db.sql<{ seq: number | null }[]>`
        SELECT max(seq) AS seq FROM case_events WHERE case_id = ${handle.workflowId}`;
      if ((stored?.seq ?? 0) >= state.seq) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`case ${handle.workflowId} did not settle`);
  }

  return {
    env,
    db,
    taskQueue,
    async report(overrides = {}) {
      const input = caseInput(overrides);
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const state = await env.client.workflow.executeUpdateWithStart(intakeUpdate, { startWorkflowOperation });
      return { handle: await startWorkflowOperation.workflowHandle(), state };
    },
    async advance(handle, days) {
      await env.sleep(days * 86_400_000);
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
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}

/** The event types recorded for a case, oldest first: what most lifecycle assertions compare. */
export const typesOf = (events: RecordedEvent[]): string[] => events.map((event) => event.type);
