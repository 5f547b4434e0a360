// Temporal answers a repeated Update id itself, but only within one run. A client that retries an
// action with its Idempotency-Key (the same Update id, api/services/case-actions.ts) after the case
// continued as new — its first answer lost to a deadline or a crash — would have a weekly report
// stored twice. So each run remembers the ids of the last actions it applied, and hands them on.
import { currentUpdateInfo } from '@temporalio/workflow';

// Far more than the actions a retry can straddle; a few kilobytes in the next run's input.
const REMEMBERED = 100;

export class AppliedUpdates {
  private readonly ids: string[];
  private readonly known: Set<string>;

  constructor(carried: readonly string[] = []) {
    this.ids = carried.slice(-REMEMBERED);
    this.known = new Set(this.ids);
  }

  /** True while handling (or validating) an Update whose id an earlier run of the case applied. */
  isRepeat(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && this.known.has(id);
  }

  /** Remembers the Update being handled: call once its events are stored. */
  remember(): void {
    const id = currentUpdateInfo()?.id;
    if (id === undefined || this.known.has(id)) return;
    this.ids.push(id);
    this.known.add(id);
    if (this.ids.length > REMEMBERED) this.known.delete(this.ids.shift()!);
  }

  /** What the next run starts with. */
  carried(): string[] {
    return [...this.ids];
  }
}
