-- When the owner last opened the interview: it is deleted, with everything it owns, once
-- that is longer ago than the retention period (RETENTION_DAYS).
ALTER TABLE interviews ADD COLUMN opened_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX interviews_opened ON interviews (opened_at);
