// The outbox and its webhook delivery: what producers (case workflows, bulletins) put in, the
// per-recipient delivery workflow's input and result. Importable from workflow code.
import type { CaseNotification } from './case-events';

export const NOTIFICATION_KINDS = ['reminder', 'notice', 'escalation', 'assignment', 'bulletin', 'summary'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'no_webhook'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Anything the `notify` activity accepts: a case's notification, or a bulletin or summary, which
 * belongs to no case. The id must be stable per producer and occasion (`<caseId>:<seq>`,
 * `bulletin-2026-W48`): it is what makes a retried or repeated notify deliver once.
 */
export type OutboxNotification = Omit<CaseNotification, 'caseId' | 'kind'> & {
  caseId: string | null;
  kind: NotificationKind;
};

/**
 * One delivery workflow per (notification, recipient): started twice, it is still one workflow, and
 * its id is the `X-Duban-Delivery` header a receiver deduplicates on.
 */
export const notificationDeliveryWorkflowId = (notificationId: string, unitId: string): string =>
  `notification-${notificationId}-${unitId}`;

/** Temporal's retry policy for the HTTP POST; milliseconds so tests can shrink it. */
export interface DeliveryRetry {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = {
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
  maximumAttempts: 8,
};

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export interface DeliverNotificationInput {
  notificationId: string;
  unitId: string;
  /** How long one POST may take before it counts as a failed attempt. */
  timeoutMs: number;
  retry: DeliveryRetry;
}

/** What one successful `deliverWebhook` attempt reports. */
export interface DeliveryAttemptResult {
  status: 'delivered' | 'no_webhook';
  attempts: number;
}

/** Error types `deliverWebhook` raises that no retry can fix. */
export const DeliveryErrors = {
  SECRET_MISSING: 'WEBHOOK_SECRET_MISSING',
  NOT_FOUND: 'DELIVERY_NOT_FOUND',
  FAILED: 'DELIVERY_FAILED',
} as const;
