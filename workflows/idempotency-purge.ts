// The daily purge of expired Idempotency-Keys (duban-idempotency-purge, worker/schedules.ts). A key
// is already as if never used once it expires (the claims ignore it); the purge only reclaims space.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { IdempotencyPurge } from '../activities/maintenance';
import { isDuration, parseDuration } from '../shared/durations';
import { DURABLE_RETRY } from './retry';

const { purgeExpiredIdempotencyKeys } = proxyActivities<Activities>({
  // Batched and heartbeating: a first purge of a long-running system may take a while, and a worker
  // that died mid-way is noticed in a minute; the next attempt carries on where the deletes stopped.
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: DURABLE_RETRY,
});

export interface IdempotencyPurgeInput {
  /** DUBAN_IDEMPOTENCY_TTL as the schedule was made with it, an ISO-8601 duration. */
  ttl: string;
}

export async function idempotencyPurgeWorkflow({ ttl }: IdempotencyPurgeInput): Promise<IdempotencyPurge> {
  if (!isDuration(ttl))
    throw ApplicationFailure.nonRetryable(`ttl must be an ISO-8601 duration, not ${ttl}`, 'INVALID_TTL');
  return purgeExpiredIdempotencyKeys({ ttlMs: parseDuration(ttl) });
}
