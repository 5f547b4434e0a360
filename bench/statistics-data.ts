// The statistics bench's data: the ledger bench's cases (bench/ledger-data.ts), then, derived from each
// case row in SQL, what folding its events would have left in case_statistics, and its follow-ups,
// weekly reports and misses. The ledger's loader writes `cases` rows, not events; generating ~10 events
// per case and folding them through the trigger would take the load far past the bench's budget, and
// what GET /v1/statistics reads is the folded table. Durations are random around plausible means so
// the percentiles sort real spreads.
import type { Sql } from '../shared/db/sql';
import { round } from './support/stats';

export async function deriveStatistics(sql: Sql): Promise<{ seconds: number; marks: number }> {
  const started = Date.now();
  await sql`SELECT setseed(0.1402)`;
  await sql`
    INSERT INTO case_statistics (
      case_id, category, kind, locality, lead_unit_id, co_handlers, reported_at, last_at,
      triage_done_at, triage_seconds, queue_done_at, queue_seconds, first_handed_at, handed_at, accept_due,
      accepted_at, accepted_on_time, sign_for_seconds, deadline, extension_seconds, first_resolved_at,
      resolved_at, resolved_on_time, handling_seconds, first_follow_up_at, first_follow_up_satisfied,
      reopened_count, closed_at, close_reason, verification_seconds)
    SELECT id, category, kind, locality, lead_unit_id, co_handlers, reported_at,
           greatest(reported_at, assigned_at, accepted_at, resolved, closed_at),
           CASE WHEN triaged THEN reported_at + interval '6 hours' END,
           CASE WHEN triaged THEN r1 * 43200 END,
           assigned_at, CASE WHEN assigned_at IS NOT NULL THEN r2 * 259200 END,
           assigned_at, assigned_at, assigned_at + interval '1 day',
           accepted_at, r3 < 0.9, CASE WHEN accepted_at IS NOT NULL THEN r3 * 96000 END,
           deadline, CASE WHEN extended THEN 864000 ELSE 0 END,
           resolved, resolved, r4 < 0.85,
           CASE WHEN resolved IS NOT NULL THEN extract(epoch FROM resolved - accepted_at) END,
           CASE WHEN close_reason = 'resolved' THEN closed_at - interval '1 day' END,
           CASE WHEN close_reason = 'resolved' THEN r5 < 0.9 END,
           CASE WHEN r6 < 0.05 THEN 1 ELSE 0 END,
           closed_at, close_reason,
           CASE WHEN close_reason = 'resolved' THEN extract(epoch FROM closed_at - resolved) END
    FROM (
      SELECT c.*, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
             random() < 0.2 AS triaged, random() < 0.1 AS extended,
             CASE WHEN c.status IN ('verifying', 'closed') AND c.close_reason IS DISTINCT FROM 'duplicate'
                    AND c.close_reason IS DISTINCT FROM 'withdrawn'
                  THEN c.accepted_at + (2 + random() * 12) * interval '1 day' END AS resolved
      FROM cases c) x
    -- In service a row is created by its case's report and rewritten by each later event (never a HOT
    -- update: last_at is indexed), so its live version sits among the rows touched at about the same
    -- time. Inserting in last_at order lays the table out that way; generate_series order would
    -- scatter a month's cases over the whole heap, as no running system does.
    ORDER BY greatest(reported_at, assigned_at, accepted_at, resolved, closed_at)`;
  // Each case's follow-up, its last weekly report and its missed report, as the fold would mark them.
  const marks = await sql`
    INSERT INTO case_statistic_events (case_id, seq, at, mark, category, kind, locality, lead_unit_id, co_handlers)
    SELECT s.case_id, m.seq, m.at, m.mark, s.category, s.kind, s.locality, s.lead_unit_id, s.co_handlers
    FROM case_statistics s JOIN cases c ON c.id = s.case_id,
    LATERAL (VALUES
      (1000, s.first_follow_up_at, CASE WHEN s.first_follow_up_satisfied THEN 'satisfied' ELSE 'unsatisfied' END),
      (1001, c.last_report_at, CASE WHEN random() < 0.85 THEN 'report_on_time' ELSE 'report_late' END),
      (1002, CASE WHEN c.missed_reports > 0 THEN c.reported_at + interval '9 days' END, 'report_missed')
    ) m(seq, at, mark)
    WHERE m.at IS NOT NULL
    -- In service a mark is appended when its event happens, so the table lies in the order of at, as a
    -- period's marks are read; inserted case by case, a month's marks would be scattered over the heap.
    ORDER BY m.at`;
  for (const table of ['case_statistics', 'case_statistic_events']) {
    await sql.unsafe(`VACUUM (ANALYZE) ${table}`);
  }
  return { seconds: round((Date.now() - started) / 1000, 1), marks: marks.count };
}
