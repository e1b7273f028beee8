-- Dead letters of the projections (Axon's JdbcSequencedDeadLetterQueue; one queue per processing group, told apart
-- by processing_group). An event a projection cannot handle is parked here with every later event of the same
-- sequence (an account, or a transfer for "transfers") behind it, while other sequences flow on.
-- Column names are mapped for Axon by the DeadLetterSchema bean (dev.ledger.query.operations.DeadLetterConfiguration).
-- Serialized data is bytea (never large objects). Axon writes the timestamps as ISO-8601 strings (setString), so those
-- columns stay VARCHAR: PostgreSQL would refuse a string parameter for a TIMESTAMPTZ column; the strings have a fixed
-- width (millisecond precision, UTC), so Axon's ORDER BY last_touched and its processing_started < ? compare correctly.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) NOT NULL,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    -- position of the letter within its sequence: retries go in this order
    sequence_index       BIGINT       NOT NULL,
    -- the event message: class of the message, its id, payload and meta-data as the event serializer wrote them
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    -- domain events only (sequence_number is -1 otherwise)
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    -- tracking token of the event when it was parked
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    -- set while a retry holds the sequence (a claim, expiring after 30 s), so two retries never process it at once
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    -- Axon's default policy truncates to 1023 characters; TEXT so that a policy that does not can never make a
    -- park fail (which would block the processor)
    cause_message        TEXT,
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_pk PRIMARY KEY (dead_letter_id),
    -- also serves Axon's lookups by (processing_group) and (processing_group, sequence_identifier), so Axon's
    -- two extra indexes on those prefixes would be redundant
    CONSTRAINT dead_letter_entry_sequence_uq UNIQUE (processing_group, sequence_identifier, sequence_index)
);

-- Evictions decided by an operator (POST /admin/dead-letters/{group}/evict): one row per evicted letter, with the
-- reason, so the events a read model deliberately never applied stay on record after the letter is gone.
CREATE TABLE dead_letter_eviction (
    eviction_id          BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    cause_type           VARCHAR(255),
    cause_message        TEXT,
    enqueued_at          TIMESTAMPTZ  NOT NULL,
    reason               TEXT         NOT NULL,
    correlation_id       VARCHAR(255),
    evicted_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dead_letter_eviction_group_idx ON dead_letter_eviction (processing_group, evicted_at);
