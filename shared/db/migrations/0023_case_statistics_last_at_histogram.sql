-- Issue 14, statistics at a city's scale (docs/statistics.md "Performance"): a period's cases are
-- read in two parts on two connections, split at the median last_at from the period's start on, as
-- pg_stats' histogram of the column says (shared/db/statistics.ts, lastAtParts). At the default 100
-- buckets, a year's cases put about a dozen bounds in a month, so the split could miss the median by a
-- whole bucket: over the ledger bench's month the parts were 71,000 and 45,000 cases, and the larger set
-- the answer's time. At 500 buckets they were 62,000 and 55,000 (the later part also holds cases reported
-- after the period, which the read then drops). ANALYZE samples more rows for it (300 per bucket): 3.5 s
-- over a million cases, against about 1 s.
-- Forward-only: never edit an applied migration; add the next number instead.

ALTER TABLE case_statistics ALTER COLUMN last_at SET STATISTICS 500;
