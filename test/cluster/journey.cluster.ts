// The whole case journey through the HTTP API against a real Temporal cluster (four services on
// PostgreSQL) with two worker processes on one task queue: report, dispatch, accept, weekly report,
// resolve, follow-up, closed. Then what only a cluster shows: both workers ran the cases' workflow
// tasks, and SQL visibility answers list queries by duban's search attributes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkInvariants, holds } from '../faults/support/invariants';
import { faultBodies } from '../faults/support/submit';
import { startClusterSystem, type ClusterSystem } from './support/cluster-system';

const CASES = 16;

describe('a case journey on a Temporal cluster with two workers', () => {
  let running: ClusterSystem;
  const cases: Array<{ caseId: string; lead: string; locality: string }> = [];

  beforeAll(async () => {
    running = await startClusterSystem('journey', inject('workflowBundlePath'));
  });
  afterAll(async () => {
    await running?.stop();
  });

  const call = async (token: string, method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(`${running.system.api!.url}${path}`, {
      method,
      // No content type without a body: Fastify answers an empty JSON body with 400.
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const tokens = () => running.system.tokens;
  const unit = (lead: string) => tokens().units[lead]!;

  it('reports, dispatches in one batch, and every lead signs for its cases', async () => {
    const routed = faultBodies().filter((b) => b.expected === 'queued');
    for (let i = 0; i < CASES; i++) {
      const { body } = routed[i % routed.length]!;
      const created = await call(tokens().visitor, 'POST', '/v1/cases', { ...body, title: `集群 #${i}` });
      expect(created.status).toBe(201);
      expect(created.json.status).toBe('queued');
      const { lead } = created.json.routing as { lead: string };
      cases.push({ caseId: String(created.json.id), lead, locality: String(body.locality) });
    }
    const batch = await call(tokens().office, 'POST', '/v1/dispatches');
    expect(batch.status).toBe(201);
    expect((batch.json.cases as unknown[]).length).toBe(CASES);
    const accepted = await Promise.all(
      cases.map(({ caseId, lead }) => call(unit(lead), 'POST', `/v1/cases/${caseId}/accept`, {})),
    );
    expect(accepted.map((a) => [a.status, a.json.status])).toEqual(cases.map(() => [200, 'in_progress']));
  });

  it('takes each lead’s weekly report, the resolution and the visitor’s follow-up, closing every case', async () => {
    const closed = await Promise.all(
      cases.map(async ({ caseId, lead }) => {
        const report = await call(unit(lead), 'POST', `/v1/cases/${caseId}/reports`, {
          progress: '已联系反映人核实情况',
          percentDone: 40,
        });
        const resolved = await call(unit(lead), 'POST', `/v1/cases/${caseId}/resolve`, {
          measures: '现场协调整改',
          outcome: '反映人表示满意',
        });
        const followUp = await call(tokens().visitor, 'POST', `/v1/cases/${caseId}/follow-up`, { satisfied: true });
        const verify = await call(tokens().office, 'GET', `/v1/cases/${caseId}/events/verify`);
        return [report.status, resolved.json.status, followUp.json.status, verify.json.ok];
      }),
    );
    expect(closed).toEqual(cases.map(() => [200, 'verifying', 'closed', true]));
    const report = await checkInvariants(
      running.system.sql,
      running.system.client,
      cases.map(({ caseId }) => ({ caseId, expected: 'closed' })),
    );
    expect(report.problems).toEqual([]);
    expect(holds(report)).toBe(true);
  });

  it('ran the workflow tasks on both workers of the task queue', async () => {
    const identities = new Set<string>();
    for (const { caseId } of cases) {
      const history = await running.system.client.workflow.getHandle(caseId).fetchHistory();
      for (const event of history.events ?? []) {
        const identity = event.workflowTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity.split('@')[0]!);
      }
    }
    const pids = [running.system.worker.current()?.pid, running.second.current()?.pid].map(String);
    expect([...identities].sort()).toEqual(pids.sort());
  });

  it('lists cases by status, lead unit and locality through SQL visibility', async () => {
    const count = async (query: string) => {
      let n = 0;
      for await (const _ of running.system.client.workflow.list({ query })) n++;
      return n;
    };
    const { lead, locality } = cases[0]!;
    const expected = {
      closed: CASES,
      lead: cases.filter((c) => c.lead === lead).length,
      locality: cases.filter((c) => c.locality === locality).length,
    };
    // Visibility is written after the workflow's history, asynchronously: ask until it has caught up.
    let seen = { closed: 0, lead: 0, locality: 0 };
    for (let attempt = 0; attempt < 30; attempt++) {
      seen = {
        closed: await count(`DubanStatus = 'closed'`),
        lead: await count(`DubanStatus = 'closed' AND DubanLeadUnit = '${lead}'`),
        locality: await count(`DubanLocality = '${locality}'`),
      };
      if (JSON.stringify(seen) === JSON.stringify(expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(seen).toEqual(expected);
  });
});
