import { Context, log } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { renderForPeople } from '../shared/db/notice-rendering';
import { insertNotification, openDeliveries } from '../shared/db/notification-store';
import type { Sql } from '../shared/db/sql';
import {
  DEFAULT_DELIVERY_RETRY,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  notificationDeliveryWorkflowId,
  type DeliverNotificationInput,
  type DeliveryRetry,
  type OutboxNotification,
} from '../shared/contracts/notification';
import { startWorkflow } from '../shared/contracts/workflow-starts';
import type { WebhookAllowList } from '../shared/webhook-target';

/** How webhooks are sent: built from the environment in worker/, shrunk by tests. */
export interface WebhookSettings {
  /** `DUBAN_WEBHOOK_SECRET`; without it every delivery fails at once, saying so. */
  secret: string | null;
  timeoutMs: number;
  retry: DeliveryRetry;
  /** DUBAN_WEBHOOK_ALLOW: internal targets a delivery may reach; absent, none. */
  allow?: WebhookAllowList;
}

export interface NotificationDeps {
  sql: Sql;
  /** Starts the delivery workflows; a worker without one only fills the outbox (deliveries stay pending). */
  client?: Client;
  webhooks?: WebhookSettings;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  secret: null,
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  retry: DEFAULT_DELIVERY_RETRY,
};

export function createNotificationActivities({ sql, client, webhooks = DEFAULT_WEBHOOK_SETTINGS }: NotificationDeps) {
  return {
    /**
     * Puts a notification in the outbox, opens one delivery per recipient and starts a delivery
     * workflow for each recipient with a webhook. Idempotent by the notification id: a retry (or a
     * second notify of the same id) finds the rows there and the workflows started, and sends nothing
     * twice. The activity completes only once every workflow is started, so Temporal's retry of this
     * activity is what guarantees that no delivery is forgotten between the insert and the start.
     */
    async notify(notification: OutboxNotification): Promise<void> {
      const pending = await sql.begin(async (tx) => {
        await insertNotification(tx, await renderForPeople(tx, notification));
        return openDeliveries(tx, notification.id);
      });
      if (pending.length === 0) return;
      if (!client) {
        log.warn('no Temporal client: webhook deliveries stay pending', { notificationId: notification.id });
        return;
      }
      const { taskQueue } = Context.current().info;
      await Promise.all(
        pending.map(async (unitId) => {
          const input: DeliverNotificationInput = {
            notificationId: notification.id,
            unitId,
            timeoutMs: webhooks.timeoutMs,
            retry: webhooks.retry,
          };
          try {
            await startWorkflow(client, 'deliverNotificationWorkflow', {
              workflowId: notificationDeliveryWorkflowId(notification.id, unitId),
              taskQueue,
              args: [input],
              // A finished delivery is never sent again under the same id, whatever its outcome.
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            });
          } catch (error) {
            if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          }
        }),
      );
    },
  };
}
