import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../shared/config';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import type { ScheduledStart } from '../shared/contracts/workflow-starts';

// The recurring work of a campaign as Temporal Schedules, made to match the configuration at every
// worker start. Each run is a workflow of its own, whose id the schedule makes from its own id and
// the scheduled time (`duban-dispatch-2026-01-05T01:00:00Z`): a start the server retries is the same
// run, and the dispatch batch, whose batch id is its workflow id, dispatches nothing twice.

export type ScheduleConfig = Pick<
  Config,
  | 'TEMPORAL_TASK_QUEUE'
  | 'DUBAN_SCHEDULE_TIMEZONE'
  | 'DUBAN_SCHEDULE_DISPATCH'
  | 'DUBAN_SCHEDULE_SPOT_CHECK'
  | 'DUBAN_SCHEDULE_WEEKLY_BULLETIN'
  | 'DUBAN_SCHEDULE_MONTHLY_SUMMARY'
  | 'DUBAN_IDEMPOTENCY_TTL'
> &
  Partial<Pick<Config, 'DUBAN_SCHEDULE_AUDIT_CHECKPOINT' | 'DUBAN_AUDIT_SIGNING_KEY' | 'DUBAN_AUDIT_SIGNING_KEY_FILE'>>;

/** A recurring start: `workflowType` and `args` (ScheduledStart) are checked against the workflow's signature. */
export type DubanSchedule = ScheduledStart & {
  scheduleId: string;
  cron: string;
  /**
   * The dispatch buffers one run behind a slow batch, so cases queued meanwhile still go out this
   * week, not next. The reports skip: they compute their period from the workflow's start time, so a
   * run started late behind another would report the wrong day or week.
   */
  overlap: 'SKIP' | 'BUFFER_ONE';
  /** How late a run missed while Temporal was down may still start; later, it would report a stale period. */
  catchupWindowMs: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Before the campaign's day starts: the purge deletes in small batches, but need not compete with anyone.
const IDEMPOTENCY_PURGE_CRON = '30 3 * * *';
const AUDIT_CHECKPOINT_CRON = '5 * * * *';

export function dubanSchedules(config: ScheduleConfig, idPrefix = 'duban'): DubanSchedule[] {
  return [
    {
      scheduleId: `${idPrefix}-dispatch`,
      cron: config.DUBAN_SCHEDULE_DISPATCH,
      workflowType: 'dispatchBatchWorkflow',
      args: [{ requestedBy: SYSTEM_ACTOR }],
      overlap: 'BUFFER_ONE',
      catchupWindowMs: DAY_MS,
    },
    {
      scheduleId: `${idPrefix}-spot-check`,
      cron: config.DUBAN_SCHEDULE_SPOT_CHECK,
      workflowType: 'dailySpotCheckWorkflow',
      args: [],
      overlap: 'SKIP',
      catchupWindowMs: HOUR_MS,
    },
    {
      scheduleId: `${idPrefix}-weekly-bulletin`,
      cron: config.DUBAN_SCHEDULE_WEEKLY_BULLETIN,
      workflowType: 'weeklyBulletinWorkflow',
      args: [],
      overlap: 'SKIP',
      catchupWindowMs: DAY_MS,
    },
    {
      scheduleId: `${idPrefix}-monthly-summary`,
      cron: config.DUBAN_SCHEDULE_MONTHLY_SUMMARY,
      workflowType: 'monthlySummaryWorkflow',
      args: [],
      overlap: 'SKIP',
      catchupWindowMs: DAY_MS,
    },
    {
      // The TTL travels in the arguments, so a changed DUBAN_IDEMPOTENCY_TTL updates the schedule.
      scheduleId: `${idPrefix}-idempotency-purge`,
      cron: IDEMPOTENCY_PURGE_CRON,
      workflowType: 'idempotencyPurgeWorkflow',
      args: [{ ttl: config.DUBAN_IDEMPOTENCY_TTL }],
      overlap: 'SKIP',
      catchupWindowMs: DAY_MS,
    },
    // Only a worker that holds the signing key can sign (docs/audit.md); its key never goes in the args.
    ...(config.DUBAN_AUDIT_SIGNING_KEY || config.DUBAN_AUDIT_SIGNING_KEY_FILE
      ? [
          {
            scheduleId: `${idPrefix}-audit-checkpoint`,
            cron: config.DUBAN_SCHEDULE_AUDIT_CHECKPOINT ?? AUDIT_CHECKPOINT_CRON,
            workflowType: 'auditCheckpointWorkflow',
            args: [],
            overlap: 'SKIP',
            catchupWindowMs: HOUR_MS,
          } satisfies DubanSchedule,
        ]
      : []),
  ];
}

/**
 * The server compiles cron strings into calendars, so the spec a schedule was made from cannot be
 * read back and compared. Each schedule's action therefore carries, in its memo, the settings it was
 * made from; a schedule whose memo differs from what the configuration asks for is updated.
 */
export const SCHEDULE_SETTINGS_MEMO = 'dubanScheduleSettings';

type Desired = Omit<ScheduleOptions, 'scheduleId' | 'memo' | 'state'>;

function desiredOptions(schedule: DubanSchedule, config: ScheduleConfig): { options: Desired; settings: string } {
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const timezone = config.DUBAN_SCHEDULE_TIMEZONE;
  const { cron, workflowType, args, overlap, catchupWindowMs } = schedule;
  const settings = JSON.stringify({ cron, timezone, workflowType, taskQueue, args, overlap, catchupWindowMs });
  return {
    settings,
    options: {
      spec: { cronExpressions: [cron], timezone },
      action: {
        type: 'startWorkflow',
        workflowType,
        workflowId: schedule.scheduleId,
        taskQueue,
        args,
        memo: { [SCHEDULE_SETTINGS_MEMO]: settings },
      },
      policies: { overlap, catchupWindow: catchupWindowMs },
    },
  };
}

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates each schedule, or brings an existing one in line with the configuration; safe to run at
 * every start and from several workers at once (the loser of a create race finds it and compares).
 * An update keeps the schedule's state, so a schedule an operator paused stays paused.
 */
export async function ensureSchedules(
  client: Client,
  config: ScheduleConfig,
  { idPrefix = 'duban' }: { idPrefix?: string } = {},
): Promise<Record<string, EnsureOutcome>> {
  const outcomes = await Promise.all(
    dubanSchedules(config, idPrefix).map(async (schedule): Promise<[string, EnsureOutcome]> => {
      const { options, settings } = desiredOptions(schedule, config);
      try {
        await client.schedule.create({ scheduleId: schedule.scheduleId, ...options });
        return [schedule.scheduleId, 'created'];
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
      const handle = client.schedule.getHandle(schedule.scheduleId);
      const current = await handle.describe();
      if (current.action.memo?.[SCHEDULE_SETTINGS_MEMO] === settings) return [schedule.scheduleId, 'unchanged'];
      await handle.update((previous) => ({
        ...options,
        state: {
          paused: previous.state.paused,
          ...(previous.state.note !== undefined ? { note: previous.state.note } : {}),
          ...(previous.state.remainingActions !== undefined
            ? { remainingActions: previous.state.remainingActions }
            : {}),
        },
      }));
      return [schedule.scheduleId, 'updated'];
    }),
  );
  return Object.fromEntries(outcomes);
}
