import type { NotificationKind, OutboxNotification } from '../contracts/notification';
import type { Db } from './sql';

// The outbox (`notifications`) and its per-recipient deliveries (`notification_deliveries`, 0006).
// Every write is idempotent or monotonic, because the activities that call them are retried.

/** Puts a notification in the outbox; the same id again changes nothing. */
export async function insertNotification(db: Db, n: OutboxNotification): Promise<void> {
  await db`
    INSERT INTO notifications (id, case_id, kind, level, recipient_unit_ids, subject, body, created_at)
    VALUES (${n.id}, ${n.caseId}, ${n.kind}, ${n.level}, ${[...new Set(n.recipientUnitIds)]}, ${n.subject},
            ${n.body}, ${n.at})
    ON CONFLICT (id) DO NOTHING`;
}

/**
 * One delivery per recipient of the stored notification (not of the caller's copy: a repeated notify
 * cannot add recipients): `pending` when the unit has a webhook, `no_webhook` otherwise. Answers the
 * recipients still pending, whose delivery workflows must be (or already are) started.
 */
export async function openDeliveries(db: Db, notificationId: string): Promise<string[]> {
  await db`
    INSERT INTO notification_deliveries (notification_id, unit_id, status)
    SELECT n.id, r.unit_id, CASE WHEN u.webhook_url IS NULL THEN 'no_webhook' ELSE 'pending' END
    FROM notifications n
    CROSS JOIN LATERAL unnest(n.recipient_unit_ids) WITH ORDINALITY AS r(unit_id, ord)
    LEFT JOIN units u ON u.id = r.unit_id
    WHERE n.id = ${notificationId}
    ORDER BY r.ord
    ON CONFLICT (notification_id, unit_id) DO NOTHING`;
  const rows = await db<{ unitId: string }[]>`
    SELECT unit_id AS "unitId" FROM notification_deliveries
    WHERE notification_id = ${notificationId} AND status = 'pending' ORDER BY id`;
  return rows.map((row) => row.unitId);
}

/** The notification as a receiver gets it, where to send it, and the unit's own signing key. */
export interface DeliveryTarget {
  notification: OutboxNotification;
  webhookUrl: string | null;
  /** The unit's webhook secret (unit_webhook_secrets); null: sign with DUBAN_WEBHOOK_SECRET. */
  secret: string | null;
  status: string;
}

export async function findDeliveryTarget(
  db: Db,
  notificationId: string,
  unitId: string,
): Promise<DeliveryTarget | null> {
  const [row] = await db<
    {
      id: string;
      caseId: string | null;
      kind: NotificationKind;
      level: 0 | 1 | 2;
      recipientUnitIds: string[];
      subject: string;
      body: string;
      at: Date;
      webhookUrl: string | null;
      secret: string | null;
      status: string;
    }[]
  >`
    SELECT n.id, n.case_id AS "caseId", n.kind, n.level, n.recipient_unit_ids AS "recipientUnitIds", n.subject,
           n.body, n.created_at AS at, u.webhook_url AS "webhookUrl", s.secret, d.status
    FROM notification_deliveries d
    JOIN notifications n ON n.id = d.notification_id
    LEFT JOIN units u ON u.id = d.unit_id
    LEFT JOIN unit_webhook_secrets s ON s.unit_id = d.unit_id
    WHERE d.notification_id = ${notificationId} AND d.unit_id = ${unitId}`;
  if (!row) return null;
  const { webhookUrl, secret, status, at, ...notification } = row;
  return { notification: { ...notification, at: at.toISOString() }, webhookUrl, secret, status };
}

// `attempts` only grows: a late write from an older attempt never hides a newer one. A failed delivery
// can still change: an operator who resets its workflow in Temporal re-runs it, and its outcome counts.

export async function recordAttemptFailure(
  db: Db,
  key: { notificationId: string; unitId: string },
  attempt: number,
  error: string,
): Promise<void> {
  await db`
    UPDATE notification_deliveries
    SET attempts = GREATEST(attempts, ${attempt}), last_error = ${error}, updated_at = now()
    WHERE notification_id = ${key.notificationId} AND unit_id = ${key.unitId} AND status IN ('pending', 'failed')`;
}

export async function markDelivered(
  db: Db,
  key: { notificationId: string; unitId: string },
  attempt: number,
): Promise<void> {
  await db`
    UPDATE notification_deliveries
    SET status = 'delivered', attempts = GREATEST(attempts, ${attempt}), last_error = NULL,
        delivered_at = COALESCE(delivered_at, now()), updated_at = now()
    WHERE notification_id = ${key.notificationId} AND unit_id = ${key.unitId} AND status <> 'no_webhook'`;
}

/** The unit's webhook was removed while the delivery waited: it stays in the unit's outbox only. */
export async function markNoWebhook(db: Db, key: { notificationId: string; unitId: string }): Promise<void> {
  await db`
    UPDATE notification_deliveries SET status = 'no_webhook', updated_at = now()
    WHERE notification_id = ${key.notificationId} AND unit_id = ${key.unitId} AND status = 'pending'`;
}

/** Retries are exhausted (or cannot help): failed, with the error of the last attempt. */
export async function markFailed(
  db: Db,
  key: { notificationId: string; unitId: string },
  error: string,
): Promise<void> {
  await db`
    UPDATE notification_deliveries SET status = 'failed', last_error = ${error}, updated_at = now()
    WHERE notification_id = ${key.notificationId} AND unit_id = ${key.unitId} AND status IN ('pending', 'failed')`;
}
