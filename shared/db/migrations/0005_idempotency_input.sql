-- The workflow input an Idempotency-Key was first accepted with: a retry (after a crash between
-- storing the key and starting the workflow, or a client retrying) starts or finds the very same
-- case with the very same input, so nothing accepted is lost and nothing is reported twice.
ALTER TABLE idempotency_keys ADD COLUMN workflow_input jsonb;
