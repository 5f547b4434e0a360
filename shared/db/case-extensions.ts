import type { Db } from './sql';

/** The extension request waiting for the office's decision, if any (one at a time per case). */
export async function findPendingExtensionId(db: Db, caseId: string): Promise<string | null> {
  const [row] = await db<Array<{ requestId: string }>>`
    SELECT request_id AS "requestId" FROM case_extensions
    WHERE case_id = ${caseId} AND status = 'pending'
    ORDER BY requested_at DESC LIMIT 1`;
  return row?.requestId ?? null;
}
