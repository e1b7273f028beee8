-- The inbox: one row per message id ever applied. A re-delivery finds its id here and is dropped, in the same
-- transaction that would have applied it, so "at least once" from the broker becomes "once" here.
CREATE TABLE consumer_inbox (
    message_id  text PRIMARY KEY,
    type        text        NOT NULL,
    position    bigint      NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- The latest balance per account. account_version only grows: a posting older than the row is ignored, so the
-- balance is right whatever order the postings arrive in. -1: opened, no posting seen yet.
CREATE TABLE consumer_balance (
    account_id      text PRIMARY KEY,
    currency        char(3) NOT NULL,
    balance         bigint  NOT NULL,
    account_version bigint  NOT NULL
);
