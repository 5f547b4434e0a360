-- Issue 6 (notifications delivered to webhooks): one row per (notification, recipient unit), which a
-- `deliverNotificationWorkflow` per row moves from pending to delivered or failed.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.

-- Bulletins and monthly summaries go through the same outbox, and belong to no case.
ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('reminder', 'notice', 'escalation', 'assignment', 'bulletin', 'summary'));

-- The per-recipient state supersedes notifications.status and sent_at, which nothing writes any more.
-- unit_id has no foreign key: a recipient the registry does not know is still recorded (as no_webhook),
-- so nothing a workflow sent is silently dropped. The identity column orders the outbox listing.
CREATE TABLE notification_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id text NOT NULL REFERENCES notifications (id),
  unit_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'no_webhook')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notification_id, unit_id)
);

CREATE INDEX notification_deliveries_unit_idx ON notification_deliveries (unit_id, id DESC);
CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, id DESC);

-- Notifications from before this migration were never sent (no delivery process existed): list them
-- in their recipients' outboxes as failed, saying why, rather than hide them or send them late.
INSERT INTO notification_deliveries (notification_id, unit_id, status, last_error)
SELECT n.id, r.unit_id, 'failed', 'created before webhook delivery existed (migration 0006); not sent'
FROM notifications n CROSS JOIN LATERAL unnest(n.recipient_unit_ids) AS r(unit_id)
ON CONFLICT (notification_id, unit_id) DO NOTHING;
