-- Read model of processing group "transfers": one row per transfer.
-- A row can exist before its TransferRequestedEvent was applied (an account event of the transfer got there
-- first): such a placeholder has requested_at NULL and no transfer data, is never answered to queries, and is
-- filled in when the request arrives.
-- version is the sequence number of the last applied event of the TRANSFER's own stream (-1 for a placeholder);
-- account events of the transfer (holds, credit, capture) never move it, so it answers the transfer's
-- consistency tokens. status_rank only grows (REQUESTED 0, SCREENING 1, IN_REVIEW 2, FUNDS_RESERVED 3,
-- terminal 4), so a terminal status never moves back, whatever order events arrive in.
CREATE TABLE transfer_view (
    transfer_id            VARCHAR(64)  PRIMARY KEY,
    source_account_id      VARCHAR(64),
    destination_account_id VARCHAR(64),
    amount                 BIGINT,
    currency               CHAR(3),
    reference              TEXT,
    status                 VARCHAR(16)  NOT NULL,
    status_rank            SMALLINT     NOT NULL,
    -- why the transfer ended REJECTED or FAILED (a RejectionReason name) and the event's detail text
    status_reason          VARCHAR(32),
    status_detail          TEXT,
    screening_decision     VARCHAR(16),
    -- the rules that fired, with their inputs: [{"rule", "outcome", "inputs": {..}}]
    screening_hits         JSONB,
    reviewer               VARCHAR(255),
    review_note            TEXT,
    correlation_id         VARCHAR(255),
    version                BIGINT       NOT NULL,
    requested_at           TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ  NOT NULL
);
-- keyset pagination, newest first: overall, per party (source or destination) and per status
CREATE INDEX transfer_view_requested_idx ON transfer_view (requested_at DESC, transfer_id DESC);
CREATE INDEX transfer_view_source_idx ON transfer_view (source_account_id, requested_at DESC, transfer_id DESC);
CREATE INDEX transfer_view_destination_idx
    ON transfer_view (destination_account_id, requested_at DESC, transfer_id DESC);
CREATE INDEX transfer_view_status_idx ON transfer_view (status, requested_at DESC, transfer_id DESC);

-- The timeline of a transfer: one row per step. A step happens at most once per transfer (one hold, one credit,
-- one capture per transfer by design), so (transfer_id, status) is the key and a redelivered event inserts
-- nothing. step_no only breaks ties between steps with the same timestamp (insertion follows store order).
CREATE TABLE transfer_step (
    transfer_id VARCHAR(64)  NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    step_no     BIGINT       GENERATED ALWAYS AS IDENTITY,
    at          TIMESTAMPTZ  NOT NULL,
    reason      TEXT,
    PRIMARY KEY (transfer_id, status)
);
