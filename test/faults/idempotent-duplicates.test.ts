// Fault 4 (issue 7): fifty identical submissions with one Idempotency-Key at once, over real HTTP on
// loopback to the listening API (test/api/case-intake.test.ts does the same through app.inject): one
// 201, forty-nine 200 with the same case, one workflow, one cases row, one reporter, one key row.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { startLoadSystem } from '../../scripts/lib/load-system';
import { createTestDatabase } from '../support/database';
import { checkInvariants, holds } from './support/invariants';
import { faultBodies } from './support/submit';

describe('fault: fifty concurrent duplicates of one submission over HTTP', () => {
  it('make exactly one case, one workflow and one reporter, and the same key with another body is 409', async () => {
    const db = await createTestDatabase();
    const system = await startLoadSystem({
      name: 'faults/duplicates',
      databaseUrl: db.url,
      workflowBundle: inject('workflowBundlePath'),
      api: { rateLimitPerMinute: 1_000_000 },
    });
    try {
      const { body, expected } = faultBodies()[0]!;
      const post = (payload: object) =>
        fetch(`${system.api!.url}/v1/cases`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${system.tokens.visitor}`,
            'content-type': 'application/json',
            'idempotency-key': 'visit-2022-0509-problem-1',
          },
          body: JSON.stringify(payload),
        }).then(async (response) => ({ status: response.status, json: (await response.json()) as { id: string } }));

      const answers = await Promise.all(Array.from({ length: 50 }, () => post(body)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(49);
      const ids = new Set(answers.map((a) => a.json.id));
      expect(ids.size).toBe(1);
      const [caseId] = [...ids] as [string];

      const conflict = await post({ ...body, title: '另一个问题' });
      expect(conflict.status).toBe(409);

      const report = await checkInvariants(system.sql, system.client, [{ caseId, expected }]);
      expect(report.problems).toEqual([]);
      expect(holds(report)).toBe(true);
      expect(report.orphanReporters).toBe(0);
      const [keys] = await system.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM idempotency_keys`;
      expect(keys!.n).toBe(1);
      const [reporters] = await system.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reporters`;
      expect(reporters!.n).toBe(1);
    } finally {
      await system.stop();
      await db.drop();
    }
  }, 180_000);
});
