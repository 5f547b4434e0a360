// Histories recorded from earlier versions of the workflow code (scripts/record-histories.ts) must
// replay under the current code: a change that would break cases in flight fails here first.
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { historyFromJSON } from '../../scripts/lib/history-json';

const HISTORIES = join(__dirname, 'histories');
const recorded = readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('workflow replay', () => {
  it('keeps a recorded history for each lifecycle scenario in each generation of the workflow code', () => {
    const scenarios = ['continued-as-new', 'happy-path', 'silent-unit', 'urgent-returned'];
    // v1: one activity per event; v2: the batched local-activity journal; v3: the refusing journal
    // and the run limits.
    const expected = ['v1', 'v2', 'v3'].flatMap((generation) => scenarios.map((s) => `${generation}-${s}.json`));
    // Paths added later are recorded in the generation current when they were added, and after.
    expected.push('v2-escalated-by-hand.json', 'v3-escalated-by-hand.json');
    expect(recorded).toEqual(expect.arrayContaining(expected));
  });

  it('replays every recorded case history without a nondeterminism error under the current code', async () => {
    const histories = recorded.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(readFileSync(join(HISTORIES, file), 'utf8')),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message ?? null });
    }
    expect(results).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: null })));
  });
});
