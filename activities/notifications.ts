import type { CaseNotification } from '../shared/case-events';
import type { Sql } from '../shared/db/sql';

export interface NotificationDeps {
  sql: Sql;
}

export function createNotificationActivities({ sql }: NotificationDeps) {
  return {
    /**
     * Puts a notification in the outbox; a delivery process sends it. Idempotent by the id the
     * workflow gives it, so a retried activity never notifies twice.
     */
    async notify(notification: CaseNotification): Promise<void> {
      await sql`
        INSERT INTO notifications (id, case_id, kind, level, recipient_unit_ids, subject, body, created_at)
        VALUES (${notification.id}, ${notification.caseId}, ${notification.kind}, ${notification.level},
                ${notification.recipientUnitIds}, ${notification.subject}, ${notification.body}, ${notification.at})
        ON CONFLICT (id) DO NOTHING`;
    },
  };
}
