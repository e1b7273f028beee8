-- Read model of processing group "authorizations": one row per authorization, one per capture.
-- version is the sequence number of the last applied event of the authorization's own stream: every update is
-- guarded by it, so a redelivered event changes nothing, and it answers the authorization's consistency tokens.
CREATE TABLE authorization_view (
    authorization_id       VARCHAR(64)  PRIMARY KEY,
    account_id             VARCHAR(64)  NOT NULL,
    destination_account_id VARCHAR(64),
    amount                 BIGINT       NOT NULL,
    currency               CHAR(3)      NOT NULL,
    captured_amount        BIGINT       NOT NULL DEFAULT 0,
    status                 VARCHAR(16)  NOT NULL,
    expires_at             TIMESTAMPTZ  NOT NULL,
    reference              TEXT,
    -- the owner of the account: who may read the authorization besides auditors, compliance and treasury
    owner                  VARCHAR(255),
    version                BIGINT       NOT NULL,
    placed_at              TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);

-- GET /accounts/{id}/authorizations?status=: one account's, by status, in id order
CREATE INDEX authorization_view_by_account ON authorization_view (account_id, status, authorization_id);

CREATE TABLE authorization_capture (
    authorization_id       VARCHAR(64)  NOT NULL,
    capture_id             VARCHAR(64)  NOT NULL,
    destination_account_id VARCHAR(64)  NOT NULL,
    amount                 BIGINT       NOT NULL,
    -- the authorization's sequence number of the capture: orders the captures
    sequence_number        BIGINT       NOT NULL,
    captured_at            TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (authorization_id, capture_id)
);
