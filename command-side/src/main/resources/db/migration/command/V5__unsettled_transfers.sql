-- When a transfer reached its end (completed, rejected or failed), kept with its directory row in the same
-- transaction, so the transfers still waiting can be found without reading every transfer's history.
ALTER TABLE transfer_directory ADD COLUMN settled_at TIMESTAMPTZ;

-- Transfers that ended before this column existed, from their terminal events.
UPDATE transfer_directory d
SET settled_at = d.requested_at
WHERE EXISTS (SELECT 1
              FROM domain_event_entry e
              WHERE e.aggregate_identifier = d.transfer_id
                AND (e.payload_type LIKE '%.TransferCompletedEvent'
                  OR e.payload_type LIKE '%.TransferRejectedEvent'
                  OR e.payload_type LIKE '%.TransferFailedEvent'));

-- Only the few unsettled rows are indexed: the sweep reads them oldest first.
CREATE INDEX transfer_directory_unsettled_idx ON transfer_directory (requested_at) WHERE settled_at IS NULL;
