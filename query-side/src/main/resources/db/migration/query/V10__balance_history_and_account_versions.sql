-- Read model of processing group "account-summary", continued: an account's balance and held sum after each event
-- of its stream that the summary applied, one row per account version, written in the same batch as the summary
-- row (AccountSummaryWrites), so every event that changes the summary leaves a row here with no handler of its own.
-- Holds change held without a statement entry, which is why the statement alone cannot answer "held at t".
-- at is the event's timestamp (when that version was written).
CREATE TABLE account_balance_history (
    account_id VARCHAR(64) NOT NULL,
    version    BIGINT      NOT NULL,
    balance    BIGINT      NOT NULL,
    held       BIGINT      NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, version)
);
-- "the balance at t": the newest version of the account written at or before t
CREATE INDEX account_balance_history_at_idx ON account_balance_history (account_id, at, version);

-- Accounts that existed before this migration get their current state as the first row of their history: later
-- versions are exact from here on; for instants before it, replay account-summary (POST
-- /admin/processors/account-summary/replay), which rebuilds the whole history from the event store.
INSERT INTO account_balance_history (account_id, version, balance, held, at)
SELECT account_id, version, balance, held, updated_at FROM account_summary WHERE kind = 'CUSTOMER';

-- Read model of processing group "transfers", continued: the account versions a transfer's postings produced (the
-- source's debit or hold capture, the destination's credit), each a consistency token <account>@<version> for that
-- account's reads, and the event-store position of the posting, for @<position> tokens.
CREATE TABLE transfer_account_version (
    transfer_id VARCHAR(64) NOT NULL,
    account_id  VARCHAR(64) NOT NULL,
    version     BIGINT      NOT NULL,
    position    BIGINT      NOT NULL,
    PRIMARY KEY (transfer_id, account_id)
);
