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
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './notifications';

export interface WebhookDeliveryDeps {
  sql: Sql;
  webhooks?: WebhookSettings;
}

type DeliveryKey = { notificationId: string; unitId: string };

const ERROR_BODY_CHARS = 200;

/** A failed attempt in words an operator can act on; never the URL, which may carry a token. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer within the timeout';
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
      if (!webhooks.secret) {
        const message = 'DUBAN_WEBHOOK_SECRET is not set: webhooks cannot be signed, so none is sent';
        await recordAttemptFailure(sql, input, attempt, message);
        throw ApplicationFailure.nonRetryable(message, DeliveryErrors.SECRET_MISSING);
      }

      const body = JSON.stringify(target.notification);
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const response = await fetch(target.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'duban-webhooks/1',
            'x-duban-timestamp': String(timestamp),
            'x-duban-signature': signWebhook(webhooks.secret, timestamp, body),
            'x-duban-delivery': notificationDeliveryWorkflowId(input.notificationId, input.unitId),
          },
          body,
          // A redirect is an answer we do not follow: the signed body goes only where it was configured.
          redirect: 'manual',
          signal: AbortSignal.timeout(input.timeoutMs),
        });
        const text = (await response.text()).slice(0, ERROR_BODY_CHARS);
        if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ''}`);
      } catch (error) {
        const message = describeFailure(error);
        await recordAttemptFailure(sql, input, attempt, message);
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
