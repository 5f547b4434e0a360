// The supervision workflows (日抽查、周调度、月小结) as their callers see them: inputs, results, workflow
// ids. Temporal Schedules start them (worker/schedules.ts); the API starts the spot check on demand, by
// name through shared/contracts/workflow-starts.ts. Importable from workflow code (no zod, no I/O).
import type { OutboxNotification } from './notification';
import type { SpotCheckSettings } from '../supervision/sampling';

/** Without `date`: the last complete day on the campaign clock as of the workflow's start (yesterday). */
export interface DailySpotCheckInput {
  date?: string;
  /** Sample sizes and the closed-case window; DEFAULT_SPOT_CHECK_SETTINGS for what is absent. */
  settings?: Partial<SpotCheckSettings>;
}

export interface SpotCheckDraw {
  date: string;
  drawnAt: string;
  /** False when the day had been drawn before: the stored sample was kept, nothing was drawn. */
  drawnNow: boolean;
  visitPopulation: number;
  casePopulation: number;
  sampled: { visits: number; cases: number };
}

/** Without `week`: the last complete ISO week on the campaign clock as of the workflow's start. */
export interface WeeklyBulletinInput {
  week?: string;
}

/** Without `month`: the last complete month on the campaign clock as of the workflow's start. */
export interface MonthlySummaryInput {
  month?: string;
}

export type BulletinKind = 'weekly' | 'monthly';

export interface StoredBulletinSummary {
  kind: BulletinKind;
  period: string;
  computedAt: string;
  units: number;
  slowUnits: string[];
  /** Sent to the office, the leadership group and the slow units; its id is the period's. */
  notice: OutboxNotification;
}

/** One draw per day: a second start for the same day attaches to, or repeats, the same idempotent draw. */
export const spotCheckWorkflowId = (date: string): string => `spot-check-${date}`;
export const bulletinWorkflowId = (kind: BulletinKind, period: string): string => `bulletin-${kind}-${period}`;
