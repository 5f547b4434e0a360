-- Issue 14, statistics at a city's scale (docs/statistics.md "How it is computed"): a period's weekly
-- reports and follow-ups are read from case_statistic_events by `at`, counting marks per group. With
-- every column the count reads in the index (the mark, the dimensions a group or filter names, the
-- scope's lead and co-handlers), the read is an index-only scan: the table is append-only, so its
-- visibility map stays set and the heap is not visited. Over the ledger bench's month (about 90,000
-- marks) this took the read from ~50 to ~34 ms.
-- Forward-only: never edit an applied migration; add the next number instead.

CREATE INDEX case_statistic_events_at_covering_idx ON case_statistic_events (at)
  INCLUDE (mark, lead_unit_id, category, kind, locality, co_handlers);
DROP INDEX case_statistic_events_at_idx;
