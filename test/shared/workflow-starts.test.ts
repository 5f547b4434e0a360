// Starting a workflow by name is typed by that workflow's own signature (shared/contracts/workflow-starts.ts).
// These checks fail in `tsc --noEmit` (part of the test command), which is where a mismatch must show:
// each `@ts-expect-error` below fails the build the day the wrong start it marks would compile.
import type { Client } from '@temporalio/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { DispatchBatch } from '../../shared/contracts/dispatch';
import type { SpotCheckDraw } from '../../shared/contracts/supervision';
import { executeWorkflow, startWorkflow, type ScheduledStart } from '../../shared/contracts/workflow-starts';

describe('starting workflows by name', () => {
  it('answers the named workflow’s result type', () => {
    expectTypeOf(executeWorkflow<'dispatchBatchWorkflow'>).returns.resolves.toEqualTypeOf<DispatchBatch>();
    expectTypeOf(executeWorkflow<'dailySpotCheckWorkflow'>).returns.resolves.toEqualTypeOf<SpotCheckDraw>();
  });

  it('refuses a name no workflow is registered under, and arguments that do not fit the workflow', () => {
    const wrongStarts = (client: Client) => [
      // @ts-expect-error: no workflow is registered under this name
      startWorkflow(client, 'dispatchWorkflow', { workflowId: 'w', taskQueue: 'q', args: [] }),
      // @ts-expect-error: a dispatch batch needs who requested it
      executeWorkflow(client, 'dispatchBatchWorkflow', { workflowId: 'w', taskQueue: 'q', args: [{}] }),
    ];
    expectTypeOf(wrongStarts).toBeFunction();
  });

  it('refuses a schedule whose arguments do not fit its workflow', () => {
    // @ts-expect-error: the weekly bulletin takes a week, not a month
    const _wrong: ScheduledStart = { workflowType: 'weeklyBulletinWorkflow', args: [{ month: '2026-11' }] };
    const right = { workflowType: 'weeklyBulletinWorkflow', args: [{ week: '2026-W48' }] } satisfies ScheduledStart;
    expectTypeOf(right.args[0].week).toEqualTypeOf<string>();
  });
});
