-- Tracking tokens of the query side's processors; one row per processing group and segment.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Read model of processing group "account-summary": one row per account, customer and system.
-- version is the sequence number of the last applied event of the account's stream (-1 for system accounts,
-- which are not aggregates); it makes redelivered events no-ops and answers consistency tokens.
CREATE TABLE account_summary (
    account_id      VARCHAR(64)  PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    balance         BIGINT       NOT NULL,
    held            BIGINT       NOT NULL,
    overdraft_limit BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    owner_ref       VARCHAR(128),
    version         BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX account_summary_currency_idx ON account_summary (currency, account_id);

-- Read model of processing group "account-statement": one row per posting leg of a customer account.
CREATE TABLE statement_entry (
    account_id     VARCHAR(64)  NOT NULL,
    sequence       BIGINT       NOT NULL,
    entry_id       VARCHAR(64)  NOT NULL,
    amount         BIGINT       NOT NULL,
    currency       CHAR(3)      NOT NULL,
    direction      VARCHAR(6)   NOT NULL,
    balance_after  BIGINT       NOT NULL,
    transfer_id    VARCHAR(64),
    correlation_id VARCHAR(255),
    posted_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (account_id, sequence)
);

-- How far the statement projection has got per account (also for events that post nothing).
CREATE TABLE statement_head (
    account_id    VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);
