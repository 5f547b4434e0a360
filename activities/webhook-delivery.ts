import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  findDeliveryTarget,
  markDelivered,
  markFailed,
  markNoWebhook,
  recordAttemptFailure,
} from '../shared/db/notification-store';
import type { Sql } from '../shared/db/sql';
import {
  DeliveryErrors,
  notificationDeliveryWorkflowId,
  type DeliveryAttemptResult,
} from '../shared/contracts/notification';
import { signWebhook } from '../shared/webhook-signature';
import { NO_WEBHOOK_ALLOW_LIST } from '../shared/webhook-target';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './notifications';
import { postWebhook, WebhookTargetRefusedError } from './webhook-post';

export interface WebhookDeliveryDeps {
  sql: Sql;
  webhooks?: WebhookSettings;
}

type DeliveryKey = { notificationId: string; unitId: string };

/** The target is internal and not allow-listed: retrying cannot help until an operator acts. */
const TARGET_REFUSED = 'WEBHOOK_TARGET_REFUSED';

/**
 * A failed attempt in words an operator can act on: never the URL, which may carry a token, and never
 * the answer's body, which would make the outbox a window into whatever the target is.
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer within the timeout';
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

export function createWebhookDeliveryActivities({ sql, webhooks = DEFAULT_WEBHOOK_SETTINGS }: WebhookDeliveryDeps) {
  return {
    /**
     * One signed POST of the notification to the unit's webhook. Any non-2xx answer, network error or
     * timeout fails the attempt (recorded, then thrown for Temporal to retry with backoff). The URL is
     * read at each attempt, so an admin fixing a unit's webhook fixes the deliveries still retrying.
     */
    async deliverWebhook(input: DeliveryKey & { timeoutMs: number }): Promise<DeliveryAttemptResult> {
      const { attempt } = Context.current().info;
      const target = await findDeliveryTarget(sql, input.notificationId, input.unitId);
      if (!target) {
        throw ApplicationFailure.nonRetryable(
          `no delivery of ${input.notificationId} to ${input.unitId}`,
          DeliveryErrors.NOT_FOUND,
        );
      }
      if (target.status === 'delivered') return { status: 'delivered', attempts: attempt };
      if (!target.webhookUrl) {
        await markNoWebhook(sql, input);
        return { status: 'no_webhook', attempts: attempt };
      }
      // The unit's own secret; DUBAN_WEBHOOK_SECRET for a unit that has none (docs/notifications.md).
      const secret = target.secret ?? webhooks.secret;
      if (!secret) {
        const message = 'DUBAN_WEBHOOK_SECRET is not set and the unit has no webhook secret: nothing is sent unsigned';
        await recordAttemptFailure(sql, input, attempt, message);
        throw ApplicationFailure.nonRetryable(message, DeliveryErrors.SECRET_MISSING);
      }

      const body = JSON.stringify(target.notification);
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const status = await postWebhook({
          url: target.webhookUrl,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'duban-webhooks/1',
            'x-duban-timestamp': String(timestamp),
            'x-duban-signature': signWebhook(secret, timestamp, body),
            'x-duban-delivery': notificationDeliveryWorkflowId(input.notificationId, input.unitId),
          },
          body,
          timeoutMs: input.timeoutMs,
          allow: webhooks.allow ?? NO_WEBHOOK_ALLOW_LIST,
        });
        // A redirect (3xx) is an answer we do not follow: the signed body goes only where it was configured.
        if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
      } catch (error) {
        const message = describeFailure(error);
        await recordAttemptFailure(sql, input, attempt, message);
        if (error instanceof WebhookTargetRefusedError) throw ApplicationFailure.nonRetryable(message, TARGET_REFUSED);
        throw ApplicationFailure.retryable(message, 'WEBHOOK_ATTEMPT_FAILED');
      }
      // Should this write fail, the retry POSTs again: receivers deduplicate on X-Duban-Delivery.
      await markDelivered(sql, input, attempt);
      return { status: 'delivered', attempts: attempt };
    },

    /** The delivery workflow gave up: failed, with the error of the last attempt. */
    async recordDeliveryFailed(input: DeliveryKey & { error: string }): Promise<void> {
      await markFailed(sql, input, input.error);
    },
  };
}
