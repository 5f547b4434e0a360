import { z } from 'zod';

/** A category's handling policy (docs/domain.md "The case lifecycle"): ISO-8601 durations and counts. */
export const PolicySchema = z.object({
  acceptWithin: z.string(),
  reportEvery: z.string(),
  reportGrace: z.string(),
  resolveWithin: z.string(),
  followUpWithin: z.string(),
  reworkWithin: z.string(),
  noticeAfterMissed: z.number().int(),
  leadershipAfterMissed: z.number().int(),
});
export type Policy = z.infer<typeof PolicySchema>;

/** A policy as a case pins it: complete, with the version it was published as. */
export const PinnedPolicySchema = PolicySchema.extend({ version: z.number().int() });

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
const Duration = z.string().regex(DURATION, 'must be an ISO-8601 duration such as P7D or PT5S');

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
  })
  .strict();

export type PolicyInput = z.infer<typeof PolicyInputSchema>;

export type PinnedPolicy = z.infer<typeof PinnedPolicySchema>;

export function completePolicy(input: PolicyInput = {}): Policy {
  return { ...DEFAULT_POLICY, ...input };
}
