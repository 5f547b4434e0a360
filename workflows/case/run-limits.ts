// When a case's run should continue as new. A case lives for months; its history must stay well
// inside Temporal's limits (50 MB, 51,200 events) and a replay of it quick, whatever kept it busy.
import { patched, workflowInfo } from '@temporalio/workflow';
import type { CaseWorkflowOptions } from '../../shared/contracts/case';
import { REFUSING_JOURNAL_PATCH } from './journal';

const DAY = 86_400_000;
export const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 500;
// A backstop for servers that do not suggest continuing as new (the server suggests it from 4K events
// or 4 MB by default): well below the hard limits, far above any week of a case's life.
const DEFAULT_MAX_HISTORY_EVENTS = 5_000;
const MAX_HISTORY_BYTES = 5 * 1024 * 1024;
// A run older than this continues as new even when idle: its history is replayed on every cache miss,
// and workflow code deployed meanwhile is only taken up by a new run (patches can be retired sooner).
export const MAX_RUN_AGE = 30 * DAY;
/** How long a clock whose events PostgreSQL refused waits before it is tried again. */
const REFUSED_CLOCK_RETRY = DAY / 24;

export interface RunLimits {
  /** True once this run's history is long or large enough to hand over to a new run. */
  reached(eventsThisRun: number): boolean;
  /** True once this run is old enough to hand over; asked only between clocks, never while one is due. */
  aged(): boolean;
  /**
   * When the main loop must wake at the latest: the next due instant, or the run's age limit if that
   * comes first by more than a day. A clock due just after the limit fires in this run, so a new run
   * never starts a moment before it would have to fire.
   */
  wakeAt(dueAt: number | null): number | null;
  readonly refusedClockRetry: number;
}

export function runLimits(options: CaseWorkflowOptions | undefined): RunLimits {
  const maxEvents = options?.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const maxHistoryEvents = options?.continueAsNewAfterHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  // Runs started before the patch replay with the journal count and the server's suggestion only; the
  // journal asked the same patch already, so this adds no marker.
  const bounded = patched(REFUSING_JOURNAL_PATCH);
  const ageLimit = workflowInfo().runStartTime.getTime() + MAX_RUN_AGE;
  return {
    reached(eventsThisRun) {
      const info = workflowInfo();
      if (eventsThisRun >= maxEvents || info.continueAsNewSuggested) return true;
      if (!bounded) return false;
      return info.historyLength >= maxHistoryEvents || info.historySize >= MAX_HISTORY_BYTES;
    },
    aged: () => bounded && Date.now() >= ageLimit,
    wakeAt(dueAt) {
      if (!bounded) return dueAt;
      return dueAt === null || dueAt > ageLimit + DAY ? ageLimit : dueAt;
    },
    refusedClockRetry: REFUSED_CLOCK_RETRY,
  };
}
