-- What the integration-event relay remembers to enrich later events (a freeze names its account's currency, a
-- rejection its transfer's parties). Written by the relay's own processing group, in the transaction that stores
-- its token, so it is exactly as far along as the relay.
CREATE TABLE relay_account (
    account_id text PRIMARY KEY,
    currency   text NOT NULL
);

CREATE TABLE relay_transfer (
    transfer_id            text PRIMARY KEY,
    source_account_id      text   NOT NULL,
    destination_account_id text   NOT NULL,
    amount                 bigint NOT NULL,
    currency               text   NOT NULL,
    reference              text
);
