-- Clients' labels on accounts and transfers (issue 13), from AccountOpenedEvent / TransferRequestedEvent: a JSON
-- object of strings, '{}' for none. The constant default makes the column a catalogue change (no table rewrite),
-- and rows from before labels have none, as their events do.
ALTER TABLE account_summary ADD COLUMN metadata JSONB NOT NULL DEFAULT '{}';
ALTER TABLE transfer_view ADD COLUMN metadata JSONB NOT NULL DEFAULT '{}';

-- The lists filter by containment (metadata @> '{"orderId":"123"}'); jsonb_path_ops indexes exactly that operator,
-- smaller and faster than the default operator class, which also serves key-existence queries nobody asks.
CREATE INDEX account_summary_metadata_idx ON account_summary USING GIN (metadata jsonb_path_ops);
CREATE INDEX transfer_view_metadata_idx ON transfer_view USING GIN (metadata jsonb_path_ops);
