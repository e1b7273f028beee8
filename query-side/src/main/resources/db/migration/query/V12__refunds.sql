-- Refunds, in the read model of processing group "transfers". A refund is a transfer with a transfer_view row of its
-- own; these two tables add what links it to the transfer it pays back. Each has one writer stream: the processing
-- group is sequenced by transfer, so a row is only ever written by the segment that owns that transfer, and two
-- segments never wait for each other's rows.

-- The refunds of a transfer as the ORIGINAL's stream records them: reserved (IN_REVIEW, the only state a refund
-- lives in between commits), then COMPLETED, REJECTED or FAILED. refundedAmount is the sum of the COMPLETED ones.
CREATE TABLE transfer_refund (
    transfer_id VARCHAR(64) NOT NULL,
    refund_id   VARCHAR(64) NOT NULL,
    amount      BIGINT      NOT NULL,
    status      VARCHAR(16) NOT NULL,
    reserved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (transfer_id, refund_id)
);

-- What a refund pays back, from the REFUND's own stream, so the refund's view shows it as soon as its own version.
CREATE TABLE transfer_refund_of (
    refund_id VARCHAR(64) PRIMARY KEY,
    refund_of VARCHAR(64) NOT NULL
);
