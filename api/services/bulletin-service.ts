import { computeBulletin, loadBulletin } from '../../shared/db/bulletins';
import type { Sql } from '../../shared/db/sql';
import type { Bulletin } from '../../shared/supervision/bulletin';
import type { BulletinKind } from '../../shared/contracts/supervision';
import { parsePeriod, periodContaining } from '../../shared/supervision/periods';
import { HttpProblem } from '../plugins/problems';

/**
 * Which figures the API answers: for a period that has ended, the bulletin the scheduled workflow
 * stored, or, when none was stored, one computed now (not stored: storing is the workflow's job,
 * so a stored bulletin always is the one that was sent). For the current period, always computed now:
 * its figures still move. A period that has not begun is refused.
 */
export async function bulletinFor(
  sql: Sql,
  kind: BulletinKind,
  label: string | undefined,
  now = new Date(),
): Promise<Bulletin & { source: 'stored' | 'live' }> {
  const periodKind = kind === 'weekly' ? 'week' : 'month';
  const field = kind === 'weekly' ? 'week' : 'month';
  const period = label === undefined ? periodContaining(periodKind, now.getTime()) : parsePeriod(periodKind, label);
  if (!period) {
    throw new HttpProblem(400, 'Bad Request', `${label} is not a ${periodKind}`, {
      errors: [{ path: `querystring.${field}`, message: `not a ${periodKind}` }],
    });
  }
  if (Date.parse(period.startsAt) > now.getTime()) {
    throw new HttpProblem(422, 'Unprocessable Content', `${period.label} has not begun`, {
      errors: [{ path: `querystring.${field}`, message: 'must not be in the future' }],
    });
  }
  if (Date.parse(period.endsAt) <= now.getTime()) {
    const stored = await loadBulletin(sql, kind, period.label);
    if (stored) return { ...stored, source: 'stored' };
  }
  return { ...(await computeBulletin(sql, kind, period, now)), source: 'live' };
}
