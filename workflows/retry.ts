// How duban's workflows retry the activities that read and write its database.
import type { RetryPolicy } from '@temporalio/workflow';

/**
 * Retried without limit, backing off to once a minute: the database may be down for a while, and nothing
 * a workflow has accepted may be lost meanwhile. Every activity given this policy is idempotent (per event
 * seq, notification id, batch id, date or period), so a retry never doubles anything.
 */
export const DURABLE_RETRY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
} as const satisfies RetryPolicy;
