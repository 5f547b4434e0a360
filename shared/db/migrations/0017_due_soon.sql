-- Issue 14 (临期预警): a case warned that its resolution deadline is near (policy `warnBefore`), a ledger
-- filter (`?dueSoon=true`). Forward-only: never edit an applied migration; add the next number instead.
ALTER TABLE cases ADD COLUMN due_soon boolean NOT NULL DEFAULT false;
CREATE INDEX cases_due_soon_idx ON cases (lead_unit_id) WHERE due_soon AND status = 'in_progress';
