// Found by the fault suite's Schemathesis run (docs/faults.md, finding 1): PostgreSQL refuses U+0000
// in text, and nothing before it did. A case title holding one started a case workflow whose first
// recordTransition failed with 22021 on every retry, forever; the client was told 503 "Temporal is
// not reachable", and each retry without an Idempotency-Key started another such workflow. The API
// now refuses U+0000 in any request with a 400 before anything is stored or started
// (api/plugins/text-integrity.ts; test/api/text-integrity.test.ts); this keeps it so on the whole system.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { startLoadSystem } from '../../scripts/lib/load-system';

describe('fault: a NUL character in the text of a reported problem', () => {
  it('is refused with 400 before any workflow starts, and no reporter row is left behind', async () => {
    const system = await startLoadSystem({
      name: 'faults/poison-text',
      workflowBundle: inject('workflowBundlePath'),
      api: { rateLimitPerMinute: 1_000_000 },
    });
    try {
      const send = (body: object) =>
        fetch(`${system.api!.url}/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${system.tokens.visitor}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'suggestion',
            category: 'street-vending',
            title: '夜市占道',
            description: '夜市摊位占用人行道',
            locality: 'xingtai',
            ...body,
          }),
          signal: AbortSignal.timeout(30_000),
        });
      const inTitle = await send({ title: '夜市\u0000占道', reporter: { name: '李某' } });
      const inReporter = await send({ reporter: { name: '李\u0000某' } });
      let workflows = 0;
      for await (const _ of system.client.workflow.list({ query: `WorkflowType = 'caseWorkflow'` })) workflows++;
      const [reporters] = await system.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reporters`;
      expect({ title: inTitle.status, reporter: inReporter.status, workflows, reporters: reporters!.n }).toEqual({
        title: 400,
        reporter: 400,
        workflows: 0,
        reporters: 0,
      });
    } finally {
      await system.stop();
    }
  }, 180_000);
});
