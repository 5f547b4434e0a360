import type { OutboxNotification } from '../contracts/notification';
import { referencedUnits, renderNoticeText } from '../domain/notice-text';
import type { Db } from './sql';

/**
 * The notification as people read it: the units its text refers to by name, its times in Beijing
 * time (shared/domain/notice-text.ts). Its machine fields are left as they are.
 */
export async function renderForPeople(db: Db, n: OutboxNotification): Promise<OutboxNotification> {
  const ids = referencedUnits(n.subject, n.body);
  const rows =
    ids.length === 0 ? [] : await db<{ id: string; name: string }[]>`SELECT id, name FROM units WHERE id = ANY(${ids})`;
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return { ...n, subject: renderNoticeText(n.subject, names), body: renderNoticeText(n.body, names) };
}
