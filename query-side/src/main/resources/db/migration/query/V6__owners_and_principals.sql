-- Who owns what and who did what (issue 9), so the read models can answer a holder with its own accounts and
-- transfers only, and every line says whose request caused it. Rows written before the ledger had principals keep
-- NULL: their events name nobody, so neither a rebuild nor this migration could fill them in; such accounts and
-- transfers are visible to unrestricted callers (compliance, auditors) only, like the system accounts.

-- account-summary: the principal who opened the account (AccountOpenedEvent.owner); NULL for system accounts.
ALTER TABLE account_summary ADD COLUMN owner VARCHAR(255);
-- a holder's account list: keyset by account id within its own accounts
CREATE INDEX account_summary_owner_idx ON account_summary (owner, account_id);

-- account-statement: the principal whose request posted the entry (the event's "principal" meta-data; for a
-- transfer's legs, who requested the transfer). The head carries the account's owner so the statement answers a
-- holder from its own tables, without reading another read model (which may be replaying).
ALTER TABLE statement_entry ADD COLUMN initiated_by VARCHAR(255);
ALTER TABLE statement_head ADD COLUMN owner VARCHAR(255);

-- transfers: who requested it and the owners of its two accounts, from TransferRequestedEvent.
ALTER TABLE transfer_view ADD COLUMN requested_by VARCHAR(255);
ALTER TABLE transfer_view ADD COLUMN source_owner VARCHAR(255);
ALTER TABLE transfer_view ADD COLUMN destination_owner VARCHAR(255);
-- a holder's transfer list (source_owner = me OR destination_owner = me), newest first, keyset by
-- (requested_at, transfer_id): one index per side, as V2 has for the per-account list
CREATE INDEX transfer_view_source_owner_idx ON transfer_view (source_owner, requested_at DESC, transfer_id DESC);
CREATE INDEX transfer_view_destination_owner_idx
    ON transfer_view (destination_owner, requested_at DESC, transfer_id DESC);
