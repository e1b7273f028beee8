-- Authorizations placed, as the velocity screening rule counts them beside transfers: an authorization reserves a
-- payment out of its account, and one captured in full moves money like a transfer, so leaving them out would let a
-- holder pay out any number of times past the rule. Written in the placement's own transaction (the directory's
-- subscribing handler), like transfer_directory's rows.
CREATE TABLE authorization_directory (
    authorization_id  VARCHAR(64) PRIMARY KEY,
    source_account_id VARCHAR(64) NOT NULL,
    amount            BIGINT      NOT NULL,
    currency          CHAR(3)     NOT NULL,
    placed_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX authorization_directory_velocity_idx ON authorization_directory (source_account_id, placed_at);
