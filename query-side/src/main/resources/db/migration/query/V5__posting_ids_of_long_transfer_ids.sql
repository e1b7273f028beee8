-- A transfer's postings are named after it ("<transferId>:debit", "<transferId>:credit"), so an entry id is up to
-- 7 characters longer than the longest id the API accepts (64). At 64 characters, a 58-character transfer id could
-- not be written, and since statement lines are written per batch, the statement projection stalled on it.
ALTER TABLE statement_entry ALTER COLUMN entry_id TYPE VARCHAR(128);
