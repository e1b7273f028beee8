-- A refund is a transfer of its own; its directory row names the transfer it pays back (NULL for any other
-- transfer), written in the refund's request transaction with the rest of the row. The review and its expiry read
-- it to lock the original before the refund (the lock order of refunds, see RefundBooking), and a resubmitted refund
-- id is compared with it.
ALTER TABLE transfer_directory ADD COLUMN refund_of VARCHAR(64);
