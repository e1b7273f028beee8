-- One row per (client, Idempotency-Key): the first request's fingerprint and the response it got. Written in
-- the same transaction as the command's events, so a key never exists without its effect or the reverse.
CREATE TABLE idempotency_key (
    client_id        VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    response_status  INTEGER      NOT NULL,
    response_type    VARCHAR(128),
    response_body    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, idempotency_key)
);
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
