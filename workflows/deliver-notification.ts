// One notification to one unit's webhook (workflow id `notification-<id>-<unit>`, started by the
// `notify` activity). Temporal retries the POST with backoff; when the retries are exhausted the
// delivery is recorded as failed with the last error, and the workflow fails so it shows in the UI.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  DeliveryErrors,
  type DeliverNotificationInput,
  type DeliveryAttemptResult,
} from '../shared/contracts/notification';
import { DURABLE_RETRY } from './retry';

// Recording the outcome must not be lost to a database outage.
const { recordDeliveryFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: DURABLE_RETRY,
});

// Room beyond the POST's own timeout for the database reads and writes around it.
const ATTEMPT_OVERHEAD_MS = 15_000;

export async function deliverNotificationWorkflow(input: DeliverNotificationInput): Promise<DeliveryAttemptResult> {
  const { notificationId, unitId, timeoutMs, retry } = input;
  const { deliverWebhook } = proxyActivities<Activities>({
    startToCloseTimeout: timeoutMs + ATTEMPT_OVERHEAD_MS,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
      nonRetryableErrorTypes: [DeliveryErrors.SECRET_MISSING, DeliveryErrors.NOT_FOUND],
    },
  });
  try {
    return await deliverWebhook({ notificationId, unitId, timeoutMs });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // The cause is the last attempt's failure (its message as the activity wrote it, or a timeout).
    const lastError = error.cause?.message || error.message;
    await recordDeliveryFailed({ notificationId, unitId, error: lastError });
    throw ApplicationFailure.nonRetryable(`delivery to ${unitId} failed: ${lastError}`, DeliveryErrors.FAILED);
  }
}
