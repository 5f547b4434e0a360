import { z } from 'zod';
import { isDuration } from '../durations';

/** A category's handling policy (DOMAIN.md "The case lifecycle"); every field has the documented default. */
export const DEFAULT_POLICY = {
  acceptWithin: 'P1D',
  reportEvery: 'P7D',
  reportGrace: 'P1D',
  resolveWithin: 'P30D',
  followUpWithin: 'P7D',
  reworkWithin: 'P14D',
  noticeAfterMissed: 2,
  leadershipAfterMissed: 3,
} as const;

const Duration = z.string().refine(isDuration, 'must be an ISO-8601 duration such as P7D or PT5S');

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
export type Policy = {
  -readonly [K in keyof typeof DEFAULT_POLICY]: (typeof DEFAULT_POLICY)[K] extends number ? number : string;
};

/** A policy as a case pins it: complete, with the version it was published as. */
export type PinnedPolicy = Policy & { version: number };

export function completePolicy(input: PolicyInput = {}): Policy {
  return { ...DEFAULT_POLICY, ...input };
}
