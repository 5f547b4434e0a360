import { z } from 'zod';

/**
 * A span of time as a policy states it: an ISO-8601 duration (`P7D`, `PT5S`), or a number of working
 * days (`{ "workingDays": 15 }`, 15 个工作日: due at 24:00 Beijing time of the 15th working day after
 * the clock starts, that day not counted — shared/domain/working-days.ts, docs/calendar.md).
 */
const StoredDuration = z.union([z.string(), z.object({ workingDays: z.number().int() })]);
export type PolicyDuration = z.infer<typeof StoredDuration>;

/** A category's handling policy (docs/domain.md "The case lifecycle"): durations and counts. */
export const PolicySchema = z.object({
  acceptWithin: StoredDuration,
  reportEvery: StoredDuration,
  reportGrace: StoredDuration,
  resolveWithin: StoredDuration,
  followUpWithin: StoredDuration,
  reworkWithin: StoredDuration,
  noticeAfterMissed: z.number().int(),
  leadershipAfterMissed: z.number().int(),
  /** A weekly report due on a holiday or weekend is due on the next working day instead. */
  moveOffNonWorkingDays: z.boolean().optional(),
  /** 临期预警: this long before the resolution deadline the lead unit is warned and the case flagged `dueSoon`. */
  warnBefore: StoredDuration.optional(),
});
export type Policy = z.infer<typeof PolicySchema>;

/** The working-day calendar a case counts on: pinned with its policy when it is reported. */
const WorkingCalendarSchema = z.object({
  version: z.number().int(),
  years: z.record(z.string(), z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) })),
});

/**
 * A policy as a case pins it: complete, with the version it was published as, and — when it counts
 * working days — the calendar in force then, so that a later calendar edit moves no running deadline.
 */
export const PinnedPolicySchema = PolicySchema.extend({
  version: z.number().int(),
  calendar: WorkingCalendarSchema.optional(),
});

// Zod-free, so workflow code asks it too (the re-pin's condition in the case-action table).
export { countsWorkingDays } from './working-day-policy';

/** Every field's documented default. */
export const DEFAULT_POLICY: Readonly<Policy> = {
  acceptWithin: 'P1D',
  reportEvery: 'P7D',
  reportGrace: 'P1D',
  resolveWithin: 'P30D',
  followUpWithin: 'P7D',
  reworkWithin: 'P14D',
  noticeAfterMissed: 2,
  leadershipAfterMissed: 3,
};

// The durations parseDuration reads (shared/durations.ts), as one pattern so that /openapi.json states
// them: weeks, days, hours, minutes, seconds to the millisecond, not all zero, and each number of at
// most 5 digits. A longer number would overflow the timers a case workflow sets from its policy.
const DURATION =
  /^P(?=\d|T\d)(?=.*[1-9])(?:\d{1,5}W)?(?:\d{1,5}D)?(?:T(?=\d)(?:\d{1,5}H)?(?:\d{1,5}M)?(?:\d{1,5}(?:\.\d{1,3})?S)?)?$/;
const IsoDuration = z.string().regex(DURATION, 'must be an ISO-8601 duration such as P7D or PT5S');
/** An ISO-8601 duration as a policy states one (a leader's instruction tightens a cadence with it). */
export const IsoDurationSchema = IsoDuration;
// At most a working year: a longer count would run past any calendar the case pins.
const WorkingDays = z.object({ workingDays: z.number().int().min(1).max(250) }).strict();
const Duration = z.union([IsoDuration, WorkingDays]);

export const PolicyInputSchema = z
  .object({
    acceptWithin: Duration.optional(),
    reportEvery: Duration.optional(),
    reportGrace: Duration.optional(),
    resolveWithin: Duration.optional(),
    followUpWithin: Duration.optional(),
    reworkWithin: Duration.optional(),
    noticeAfterMissed: z.number().int().min(1).max(52).optional(),
    leadershipAfterMissed: z.number().int().min(1).max(52).optional(),
    moveOffNonWorkingDays: z.boolean().optional(),
    warnBefore: Duration.optional(),
  })
  .strict();

export type PolicyInput = z.infer<typeof PolicyInputSchema>;

export type PinnedPolicy = z.infer<typeof PinnedPolicySchema>;

export function completePolicy(input: PolicyInput = {}): Policy {
  return { ...DEFAULT_POLICY, ...input };
}
