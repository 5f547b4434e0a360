import { z } from 'zod';
import { notificationDeliveryWorkflowId, type DeliveryStatus, type NotificationKind } from '../contracts/notification';
import type { Viewer } from '../domain/access';
import { scopeCondition } from './ledger-sql';
import { BigintKey, clampLimit, decodeCursor, toPage, type Page, type PageRequest } from './pagination';
import type { Db } from './sql';

// The outbox as units see it: one entry per (notification, recipient), newest first, whatever
// happened to its delivery — a unit without a webhook reads its notifications here.

export interface OutboxEntry {
  id: string;
  /** The `X-Duban-Delivery` header of this entry's webhook requests. */
  deliveryId: string;
  unitId: string;
  caseId: string | null;
  kind: NotificationKind;
  level: number;
  recipientUnitIds: string[];
  subject: string;
  body: string;
  at: Date;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

export interface OutboxFilter extends PageRequest {
  unit?: string | undefined;
  status?: DeliveryStatus | undefined;
}

// The key is the delivery row's identity, a bigint: carried as text so no precision is lost.
const decodeDeliveryCursor = (cursor: string | null | undefined): string | null =>
  cursor ? decodeCursor(cursor, z.tuple([BigintKey]))[0] : null;

/**
 * The entries `viewer` may read: a notice about a case only if the viewer may see that case (the
 * ledger's scope), so a unit token of a unit that is sent escalations (the office, the leadership)
 * does not read titles of cases `GET /v1/cases/{id}` would refuse it.
 */
export async function listOutbox(db: Db, viewer: Viewer, filter: OutboxFilter = {}): Promise<Page<OutboxEntry>> {
  const limit = clampLimit(filter.limit);
  const before = decodeDeliveryCursor(filter.cursor);
  const unit = filter.unit ?? null;
  const status = filter.status ?? null;
  const rows = await db<(Omit<OutboxEntry, 'deliveryId'> & { key: string })[]>`
    SELECT d.id::text AS key, n.id, d.unit_id AS "unitId", n.case_id AS "caseId", n.kind, n.level,
           n.recipient_unit_ids AS "recipientUnitIds", n.subject, n.body, n.created_at AS at, d.status,
           d.attempts, d.last_error AS "lastError", d.delivered_at AS "deliveredAt"
    FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
    WHERE (${unit}::text IS NULL OR d.unit_id = ${unit})
      AND (${status}::text IS NULL OR d.status = ${status})
      AND (${before}::bigint IS NULL OR d.id < ${before}::bigint)
      AND (n.case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = n.case_id AND ${scopeCondition(db, viewer)}))
    ORDER BY d.id DESC LIMIT ${limit + 1}`;
  const page = toPage(rows, limit, (row) => [row.key]);
  return {
    items: page.items.map(({ key: _key, ...entry }) => ({
      ...entry,
      deliveryId: notificationDeliveryWorkflowId(entry.id, entry.unitId),
    })),
    nextCursor: page.nextCursor,
  };
}
