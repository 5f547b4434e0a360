// Many open cases, fast: straight through the Temporal client, the way the intake starts them
// (update-with-start of `intake`), then dispatched and accepted by their lead unit, in parallel.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  acceptUpdate,
  caseWorkflowId,
  dispatchUpdate,
  intakeUpdate,
  type CaseWorkflowInput,
} from '../../shared/contracts/case';
import { loadCategoryPolicy, loadPublishedRules, loadRoutingReference } from '../../shared/db/reference';
import type { Sql } from '../../shared/db/sql';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import type { PinnedPolicy } from '../../shared/domain/policy';
import { compileRuleSet, route } from '../../shared/routing';
import { caseBodies } from './case-bodies';
import { mapLimit } from './stats';

export type CaseStage = 'queued' | 'assigned' | 'in_progress';

export interface OpenCase {
  caseId: string;
  lead: string;
}

export async function createCasesDirect(options: {
  client: Client;
  sql: Sql;
  taskQueue: string;
  count: number;
  concurrency: number;
  stage: CaseStage;
  onProgress?: (done: number) => void;
}): Promise<OpenCase[]> {
  const { client, sql, taskQueue } = options;
  const [published, reference] = await Promise.all([loadPublishedRules(sql), loadRoutingReference(sql)]);
  const compiled = compileRuleSet(published.rules, reference, published.version);
  const policies = new Map<string, PinnedPolicy>();
  const bodies = caseBodies();
  for (const body of bodies) {
    if (!policies.has(body.category)) policies.set(body.category, (await loadCategoryPolicy(sql, body.category))!);
  }
  const unitOfKind = (kind: string) => reference.units.find((u) => u.kind === kind)?.id ?? null;
  const contacts = { officeUnitId: unitOfKind('office'), leadershipUnitId: unitOfKind('leadership') };
  const batchId = `bench-batch-${randomUUID()}`;
  let done = 0;

  return mapLimit(Array.from({ length: options.count }), options.concurrency, async (_, i) => {
    const body = bodies[i % bodies.length]!;
    const decision = route(compiled, { category: body.category, locality: body.locality, kind: body.kind });
    if (!decision.lead) throw new Error(`bench body ${i} has no lead`);
    const input: CaseWorkflowInput = {
      caseId: `case-${randomUUID()}`,
      kind: body.kind,
      category: body.category,
      title: body.title,
      description: body.description,
      locality: body.locality,
      priority: 'normal',
      reporterId: null,
      visitId: null,
      reportedAt: new Date().toISOString(),
      reportedBy: { id: 'bench', role: 'office', unitId: null },
      routing: decision,
      policy: policies.get(body.category)!,
      resolvedOnSpot: null,
      escalationContacts: contacts,
    };
    const workflowId = caseWorkflowId(input.caseId);
    await client.workflow.executeUpdateWithStart(intakeUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('caseWorkflow', {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const handle = client.workflow.getHandle(workflowId);
    if (options.stage !== 'queued') {
      await handle.executeUpdate(dispatchUpdate, { args: [{ actor: SYSTEM_ACTOR, batchId, batchNumber: 1 }] });
    }
    if (options.stage === 'in_progress') {
      await handle.executeUpdate(acceptUpdate, {
        args: [{ actor: { id: 'bench', role: 'unit', unitId: decision.lead } }],
      });
    }
    options.onProgress?.(++done);
    return { caseId: input.caseId, lead: decision.lead };
  });
}
