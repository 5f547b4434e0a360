// Where a workflow's time went until its first update completed (an update-with-start's answer), or
// until its first workflow task completed (a plain start: how soon the worker took up the case), read
// from its history: how long workflow and activity tasks waited in their queues (no free worker slot,
// or the poll round trip), how long the worker ran them, and what is left (the server's own steps).
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { round } from './stats';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface Phases {
  totalMs: number;
  workflowTaskQueueMs: number;
  workflowTaskRunMs: number;
  activityQueueMs: number;
  activityRunMs: number;
  otherMs: number;
  workflowTasks: number;
  activities: number;
}

function timeOf(event: HistoryEvent): number {
  const t = event.eventTime;
  if (!t) return Number.NaN;
  return Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
}

const idOf = (id: unknown): number => Number(id);

export type PhasesEnd = 'first-update' | 'first-workflow-task';

/** The phases up to the first WorkflowExecutionUpdateCompleted (or WorkflowTaskCompleted) event, or null before it. */
export async function phasesUntilFirstUpdate(
  client: Client,
  workflowId: string,
  until: PhasesEnd = 'first-update',
): Promise<Phases | null> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const start = events[0];
  const end = events.find((e) =>
    until === 'first-update'
      ? e.workflowExecutionUpdateCompletedEventAttributes
      : e.workflowTaskCompletedEventAttributes,
  );
  if (!start || !end) return null;
  const scheduled = new Map<number, number>();
  const started = new Map<number, number>();
  const phases: Phases = {
    totalMs: timeOf(end) - timeOf(start),
    workflowTaskQueueMs: 0,
    workflowTaskRunMs: 0,
    activityQueueMs: 0,
    activityRunMs: 0,
    otherMs: 0,
    workflowTasks: 0,
    activities: 0,
  };
  for (const event of events) {
    if (idOf(event.eventId) > idOf(end.eventId)) break;
    const at = timeOf(event);
    if (event.workflowTaskScheduledEventAttributes || event.activityTaskScheduledEventAttributes) {
      scheduled.set(idOf(event.eventId), at);
    } else if (event.workflowTaskStartedEventAttributes) {
      const from = scheduled.get(idOf(event.workflowTaskStartedEventAttributes.scheduledEventId));
      if (from !== undefined) phases.workflowTaskQueueMs += at - from;
      started.set(idOf(event.eventId), at);
    } else if (event.workflowTaskCompletedEventAttributes) {
      const from = started.get(idOf(event.workflowTaskCompletedEventAttributes.startedEventId));
      if (from !== undefined) phases.workflowTaskRunMs += at - from;
      phases.workflowTasks++;
    } else if (event.activityTaskStartedEventAttributes) {
      const from = scheduled.get(idOf(event.activityTaskStartedEventAttributes.scheduledEventId));
      if (from !== undefined) phases.activityQueueMs += at - from;
      started.set(idOf(event.eventId), at);
    } else if (event.activityTaskCompletedEventAttributes) {
      const from = started.get(idOf(event.activityTaskCompletedEventAttributes.startedEventId));
      if (from !== undefined) phases.activityRunMs += at - from;
      phases.activities++;
    }
  }
  phases.otherMs =
    phases.totalMs -
    phases.workflowTaskQueueMs -
    phases.workflowTaskRunMs -
    phases.activityQueueMs -
    phases.activityRunMs;
  return phases;
}

/** Mean of each phase over many workflows, in ms. */
export function meanPhases(all: Phases[]): Phases {
  const keys = Object.keys(all[0] ?? {}) as Array<keyof Phases>;
  return Object.fromEntries(
    keys.map((key) => [key, round(all.reduce((sum, p) => sum + p[key], 0) / Math.max(1, all.length), 1)]),
  ) as unknown as Phases;
}
